/**
 * The model provider: the official `openai` client pointed at any OpenAI-compatible Chat
 * Completions endpoint (OpenRouter, OpenAI, vLLM, Ollama). Retries stay inside the SDK: it retries
 * timeouts, 408/409/429 and 5xx with backoff, waiting out Retry-After up to 60 s.
 */
import OpenAI from 'openai';
import type { Config } from '../../config/config';
import type { Logger } from '../logger';

/** OpenRouter, the original product's provider, when only a key is given. */
export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

export type LlmConfig = Pick<
  Config,
  'analysisBaseUrl' | 'analysisApiKey' | 'analysisTimeoutSeconds' | 'analysisMaxRetries'
>;

/**
 * Fetch whose aborts (the client's own timeout) stay recognisable: an error object from another
 * JS realm (a test runner's sandbox) fails the SDK's `instanceof Error` and loses its name, which
 * would file a timeout as a connection failure.
 */
async function fetchKeepingAborts(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (err) {
    const e = err as { name?: unknown; message?: unknown };
    if (e?.name === 'AbortError' && !(err instanceof Error)) {
      const abort = new Error(typeof e.message === 'string' ? e.message : 'aborted');
      abort.name = 'AbortError';
      throw abort;
    }
    throw err;
  }
}

/** A client when a provider is configured (a base URL or a key), else null: the rules analyst answers. */
export function createLlmClient(config: LlmConfig, logger: Logger): OpenAI | null {
  if (config.analysisBaseUrl === undefined && config.analysisApiKey === undefined) {
    return null;
  }
  const log = logger.child({ component: 'openai' });
  const fields = (args: unknown[]) => ({ details: args });
  return new OpenAI({
    baseURL: config.analysisBaseUrl ?? DEFAULT_BASE_URL,
    // Local servers (vLLM, Ollama) take no key, but the client insists on one.
    apiKey: config.analysisApiKey ?? 'no-key',
    timeout: config.analysisTimeoutSeconds * 1000,
    maxRetries: config.analysisMaxRetries,
    fetch: fetchKeepingAborts,
    logLevel: 'warn',
    logger: {
      error: (msg: string, ...args: unknown[]) => log.error(msg, fields(args)),
      warn: (msg: string, ...args: unknown[]) => log.warn(msg, fields(args)),
      info: (msg: string, ...args: unknown[]) => log.info(msg, fields(args)),
      debug: (msg: string, ...args: unknown[]) => log.debug(msg, fields(args)),
    },
  });
}
