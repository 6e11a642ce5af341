/**
 * One request in, one result out: the content-hash cache first, then the model while the day's
 * token budget lasts, else the rule-based analyst. Failures become results with a reason; the
 * result always names the model and whether it came from rules.
 */
import { canonicalDecimal } from '../../shared/decimal';
import { responseFormat } from './analysis-schema';
import type { FilingAnalysis } from './analysis-schema';
import type { AnalysisMetrics } from './analysis-metrics';
import type { AnalysisCache, CachedOutcome, TokenBudget } from './analyst-state';
import { askModel } from './llm-analyst';
import type { ChatClient, LlmOutcome, LlmSettings } from './llm-analyst';
import type { AnalysisRequest, AnalysisResult, FallbackReason } from './model';
import { RULES_MODEL } from './model';
import { buildPrompt, contentHash, promptData } from './prompt';
import type { Prompt, PromptTemplate } from './prompt';
import { analyzeWithRules, RULES_ANALYST_VERSION } from './rules-analyst';
import { baseOf, succeeded, withdrawnResult } from './result-record';

export interface Provider {
  client: ChatClient;
  settings: LlmSettings;
}

export interface AnalystDeps {
  /** Null without ANALYSIS_BASE_URL / ANALYSIS_API_KEY: every answer comes from the rules. */
  provider: Provider | null;
  template: PromptTemplate;
  cache: AnalysisCache;
  budget: TokenBudget;
  metrics: AnalysisMetrics;
  now?: () => Date;
}

export interface Analyst {
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
}

/** Prompt size in characters over four: the usual rough token count, plus the answer (twice, for a repair). */
function estimateTokens(prompt: Prompt, maxOutputTokens: number): number {
  const chars = prompt.messages.reduce((n, m) => n + m.content.length, 0);
  return 2 * (Math.ceil(chars / 4) + maxOutputTokens);
}

/**
 * Where an answer is looked up: its content hash; for a forced request, its own entry, so it asks
 * the model once more now, yet a replay of that same request is answered from the cache.
 */
function cacheKey(request: AnalysisRequest, hash: string): string {
  return request.force ? `${hash}:forced:${request.requestId}` : hash;
}

async function putAll(
  cache: AnalysisCache,
  keys: string[],
  model: string,
  outcome: CachedOutcome,
): Promise<void> {
  for (const key of new Set(keys)) {
    await cache.put(key, model, outcome);
  }
}

type Asked =
  | { kind: 'answer'; outcome: CachedOutcome }
  | { kind: 'failure'; outcome: Omit<CachedOutcome, 'analysis'>; code: string; message: string }
  | { kind: 'over_budget' };

export function createAnalyst(deps: AnalystDeps): Analyst {
  const now = deps.now ?? (() => new Date());
  const m = deps.metrics;
  const inFlight = new Map<string, Promise<Asked>>();

  async function byRules(request: AnalysisRequest, fallbackReason: FallbackReason): Promise<AnalysisResult> {
    const hash = contentHash({
      model: RULES_MODEL,
      version: RULES_ANALYST_VERSION,
      data: promptData(request),
    });
    const how = {
      model: RULES_MODEL,
      promptVersion: RULES_ANALYST_VERSION,
      source: 'rules' as const,
      fallbackReason,
      contentHash: hash,
    };
    const key = cacheKey(request, hash);
    const cached = await deps.cache.get(key);
    if (cached) {
      m.cacheHits.inc({ source: 'rules' });
      return succeeded(baseOf(request), cached, how);
    }
    const analysis: FilingAnalysis = analyzeWithRules(request);
    const outcome = {
      analysis,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: '0',
      latencyMs: 0,
      attempts: 0,
      analyzedAt: now().toISOString(),
    };
    await putAll(deps.cache, [key, hash], RULES_MODEL, outcome);
    return succeeded(baseOf(request), outcome, how);
  }

  /** Budget, call, metrics, cache: what one piece of content costs, whoever asked for it. */
  async function ask(
    provider: Provider,
    prompt: Prompt,
    request: AnalysisRequest,
    keys: string[],
  ): Promise<Asked> {
    const reservation = await deps.budget.reserve(estimateTokens(prompt, provider.settings.maxOutputTokens));
    if (!reservation) {
      m.budgetRemaining.set(await deps.budget.remaining());
      return { kind: 'over_budget' };
    }
    let asked: LlmOutcome | undefined;
    try {
      asked = await askModel(provider.client, provider.settings, prompt, request);
    } finally {
      await deps.budget.settle(reservation, asked ? asked.usage.tokensIn + asked.usage.tokensOut : 0);
      m.budgetRemaining.set(await deps.budget.remaining());
    }
    const { usage } = asked;
    m.tokens.inc({ direction: 'input' }, usage.tokensIn);
    m.tokens.inc({ direction: 'output' }, usage.tokensOut);
    m.cost.inc(usage.costUsd);
    m.calls.inc({ outcome: asked.ok ? 'answered' : asked.code }, usage.attempts);
    m.providerLatency.observe({ outcome: asked.ok ? 'succeeded' : 'failed' }, usage.latencyMs / 1000);
    const spent = {
      ...usage,
      costUsd: canonicalDecimal(usage.costUsd.toFixed(8)),
      analyzedAt: now().toISOString(),
    };
    if (!asked.ok) {
      m.failures.inc({ reason: asked.code });
      return { kind: 'failure', outcome: spent, code: asked.code, message: asked.message };
    }
    const outcome = { ...spent, analysis: asked.analysis };
    await putAll(deps.cache, keys, provider.settings.model, outcome);
    return { kind: 'answer', outcome };
  }

  async function byModel(request: AnalysisRequest, provider: Provider): Promise<AnalysisResult> {
    const prompt = buildPrompt(deps.template, request);
    const { model } = provider.settings;
    const hash = contentHash({
      model,
      version: prompt.version,
      messages: prompt.messages,
      format: responseFormat(),
    });
    const how = {
      model,
      promptVersion: prompt.version,
      source: 'llm' as const,
      fallbackReason: null,
      contentHash: hash,
    };
    const key = cacheKey(request, hash);
    const cached = await deps.cache.get(key);
    if (cached) {
      m.cacheHits.inc({ source: 'llm' });
      return succeeded(baseOf(request), cached, how);
    }
    // Identical content asked concurrently (a replay racing the stream) is sent once.
    let pending = inFlight.get(key);
    if (!pending) {
      pending = ask(provider, prompt, request, [key, hash]).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    const asked = await pending;
    if (asked.kind === 'over_budget') {
      return byRules(request, 'budget_exhausted');
    }
    if (asked.kind === 'answer') {
      return succeeded(baseOf(request), asked.outcome, how);
    }
    return {
      ...baseOf(request),
      ...how,
      ...asked.outcome,
      status: 'failed',
      errorCode: asked.code,
      error: asked.message,
      analysis: null,
    };
  }

  return {
    async analyze(request) {
      const result = request.withdrawn
        ? withdrawnResult(
            request,
            deps.provider
              ? { model: deps.provider.settings.model, promptVersion: deps.template.version }
              : null,
          )
        : deps.provider
          ? await byModel(request, deps.provider)
          : await byRules(request, 'no_provider');
      m.requests.inc({ source: result.source, status: result.status });
      return result;
    },
  };
}
