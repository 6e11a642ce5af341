/**
 * Asks a model (any OpenAI-compatible Chat Completions endpoint) for a FilingAnalysis. Retries of
 * timeouts, 429 and 5xx happen inside the SDK (ANALYSIS_MAX_RETRIES, honouring Retry-After); what
 * is still failing after them is an outcome with a reason, never an exception, so one bad answer
 * never holds up the partition. Only a refused API key throws: every call would fail the same way.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { PipelineError } from '../../shared/errors';
import { responseFormat } from './analysis-schema';
import type { FilingAnalysis } from './analysis-schema';
import type { AnalysisRequest } from './model';
import { repairMessages } from './prompt';
import type { ChatMessage, Prompt } from './prompt';
import { checkAnswer } from './validate-answer';

/** The part of the `openai` client used here (the real client satisfies it; tests may pass their own). */
export interface ChatClient {
  chat: {
    completions: {
      create(body: {
        model: string;
        messages: ChatMessage[];
        max_tokens: number;
        temperature: number;
        response_format: ReturnType<typeof responseFormat>;
      }): PromiseLike<ChatAnswer>;
    };
  };
}

/** What is read from a Chat Completions response. */
export interface ChatAnswer {
  choices: { finish_reason: string | null; message: { content: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens: number; completion_tokens: number; cost?: unknown } | null;
}

export interface LlmSettings {
  model: string;
  maxOutputTokens: number;
  /** USD per million tokens, for providers that do not report the cost. */
  inputPrice: number;
  outputPrice: number;
}

export interface LlmUsage {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number;
  attempts: number;
}

export type LlmOutcome =
  | { ok: true; analysis: FilingAnalysis; usage: LlmUsage }
  | { ok: false; code: string; message: string; usage: LlmUsage };

/** A provider that refuses the key: the stage pauses (and retries) rather than fail every request. */
export class ProviderAuthError extends PipelineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'PROVIDER_AUTH', true, options);
  }
}

function failureCode(err: unknown): string {
  if (err instanceof APIConnectionTimeoutError) {
    return 'timeout';
  }
  if (err instanceof APIConnectionError) {
    return 'connection';
  }
  if (err instanceof RateLimitError) {
    return 'rate_limited';
  }
  if (err instanceof APIError && typeof err.status === 'number' && err.status >= 500) {
    return 'server_error';
  }
  return 'rejected';
}

function costOf(answer: ChatAnswer, settings: LlmSettings): number {
  const reported = answer.usage?.cost;
  if (typeof reported === 'number' && Number.isFinite(reported)) {
    return reported;
  }
  const tokensIn = answer.usage?.prompt_tokens ?? 0;
  const tokensOut = answer.usage?.completion_tokens ?? 0;
  return (tokensIn * settings.inputPrice + tokensOut * settings.outputPrice) / 1_000_000;
}

/** One call, with its usage added to `usage`; throws only what the caller must not absorb. */
async function call(
  client: ChatClient,
  settings: LlmSettings,
  messages: ChatMessage[],
  usage: LlmUsage,
): Promise<{ ok: true; content: string } | { ok: false; code: string; message: string }> {
  const started = Date.now();
  usage.attempts++;
  try {
    const answer = await client.chat.completions.create({
      model: settings.model,
      messages,
      max_tokens: settings.maxOutputTokens,
      temperature: 0,
      response_format: responseFormat(),
    });
    usage.tokensIn += answer.usage?.prompt_tokens ?? 0;
    usage.tokensOut += answer.usage?.completion_tokens ?? 0;
    usage.costUsd += costOf(answer, settings);
    const choice = answer.choices[0];
    if (choice?.message.refusal) {
      return { ok: false, code: 'refused', message: `the model refused: ${choice.message.refusal}` };
    }
    if (choice?.finish_reason === 'content_filter') {
      return {
        ok: false,
        code: 'content_filter',
        message: "the provider's content filter stopped the answer",
      };
    }
    // A truncated answer (finish_reason "length") is invalid JSON, which the repair attempt handles.
    return { ok: true, content: choice?.message.content ?? '' };
  } catch (err) {
    if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) {
      throw new ProviderAuthError(`the model provider refused the API key (${err.status})`, { cause: err });
    }
    const status = err instanceof APIError && err.status ? ` (HTTP ${err.status})` : '';
    const id = err instanceof APIError && err.requestID ? `, request id ${err.requestID}` : '';
    return { ok: false, code: failureCode(err), message: `${(err as Error).message}${status}${id}` };
  } finally {
    usage.latencyMs += Date.now() - started;
  }
}

/**
 * Asks once; an answer that is not valid JSON, breaks the schema or cites rows or footnotes the
 * request does not have gets one repair attempt, then the outcome is a failure with the reason.
 */
export async function askModel(
  client: ChatClient,
  settings: LlmSettings,
  prompt: Prompt,
  request: AnalysisRequest,
): Promise<LlmOutcome> {
  const usage: LlmUsage = { tokensIn: 0, tokensOut: 0, costUsd: 0, latencyMs: 0, attempts: 0 };
  const first = await call(client, settings, prompt.messages, usage);
  if (!first.ok) {
    return { ...first, usage };
  }
  const checked = checkAnswer(first.content, request);
  if (checked.ok) {
    return { ok: true, analysis: checked.analysis, usage };
  }
  const second = await call(client, settings, repairMessages(prompt, first.content, checked.message), usage);
  if (!second.ok) {
    return { ...second, usage };
  }
  const repaired = checkAnswer(second.content, request);
  if (repaired.ok) {
    return { ok: true, analysis: repaired.analysis, usage };
  }
  return {
    ok: false,
    code: repaired.code,
    message: `after one repair attempt, the answer ${repaired.message}`,
    usage,
  };
}
