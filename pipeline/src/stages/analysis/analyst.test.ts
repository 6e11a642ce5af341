import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMetrics } from '../../shared/metrics/metrics';
import { analysisMetrics } from './analysis-metrics';
import { createAnalyst } from './analyst';
import type { AnalystDeps } from './analyst';
import type { AnalysisCache, CachedOutcome, Reservation, TokenBudget } from './analyst-state';
import type { ChatAnswer, ChatClient } from './llm-analyst';
import type { AnalysisRequest } from './model';
import { readPromptTemplate } from './prompt-template';

const request = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'ceo-first-purchase.request.json'), 'utf8'),
) as AnalysisRequest;
const ACC = '0009995001-26-000231';
const good = JSON.stringify({
  sentiment: 'bullish',
  summary: 'The CEO bought $197,193 of KGRD, her first purchase since 2023.',
  keyFindings: ['First open-market purchase since 2023-09-12'],
  citedRows: [{ accessionNumber: ACC, position: 0 }],
  citedFootnotes: [],
});

/** The analyst's Postgres state, in memory (the integration test runs the real tables). */
function memoryCache(): AnalysisCache & { entries: Map<string, CachedOutcome> } {
  const entries = new Map<string, CachedOutcome>();
  return {
    entries,
    get: (hash) => Promise.resolve(entries.get(hash) ?? null),
    put(hash, _model, outcome) {
      if (!entries.has(hash)) {
        entries.set(hash, outcome);
      }
      return Promise.resolve();
    },
  };
}

function memoryBudget(daily: number): TokenBudget & { used: () => number } {
  let used = 0;
  return {
    used: () => used,
    reserve(tokens) {
      if (used + tokens > daily) {
        return Promise.resolve(null);
      }
      used += tokens;
      return Promise.resolve({ day: '2026-04-22', tokens });
    },
    settle(r: Reservation, actual) {
      used += actual - r.tokens;
      return Promise.resolve();
    },
    remaining: () => Promise.resolve(daily - used),
  };
}

function model(reply: () => Promise<ChatAnswer>): ChatClient & { calls: number } {
  const client = {
    calls: 0,
    chat: { completions: { create: () => (client.calls++, reply()) } },
  };
  return client;
}

const answer = (content: string): Promise<ChatAnswer> =>
  Promise.resolve({
    choices: [{ finish_reason: 'stop', message: { content } }],
    usage: { prompt_tokens: 1200, completion_tokens: 150 },
  });

function setup(options: { provider?: ChatClient; budget?: number } = {}) {
  const cache = memoryCache();
  const budget = memoryBudget(options.budget ?? 1_000_000);
  const metrics = createMetrics();
  let clock = Date.parse('2026-04-22T21:32:00Z');
  const deps: AnalystDeps = {
    provider: options.provider
      ? {
          client: options.provider,
          settings: { model: 'test-model', maxOutputTokens: 500, inputPrice: 0.15, outputPrice: 0.6 },
        }
      : null,
    template: readPromptTemplate(),
    cache,
    budget,
    metrics: analysisMetrics(metrics),
    now: () => new Date((clock += 1000)),
  };
  const value = async (name: string, labels: Record<string, string> = {}) =>
    (await metrics.registry.getSingleMetric(name)!.get()).values
      .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
      .reduce((n, v) => n + v.value, 0);
  return { analyst: createAnalyst(deps), cache, budget, value };
}

describe('analyst', () => {
  it('answers with the rules without a provider, and the same result again from the cache', async () => {
    const { analyst, value } = setup();
    const first = await analyst.analyze(request);
    expect(first).toMatchObject({
      status: 'succeeded',
      model: 'rules',
      source: 'rules',
      fallbackReason: 'no_provider',
      promptVersion: 'rules-analyst.v1',
      subjectDate: '2026-04-21',
      accessionNumbers: [ACC],
    });
    expect(await analyst.analyze({ ...request, requestId: 'replayed' })).toEqual({
      ...first,
      requestId: 'replayed',
    });
    expect(await value('sec_tracker_analysis_cache_hits_total', { source: 'rules' })).toBe(1);
  });

  it('asks the model once for the same content; a replay is served from the cache at no cost', async () => {
    const provider = model(() => answer(good));
    const { analyst, budget, value } = setup({ provider });
    const first = await analyst.analyze(request);
    expect(first).toMatchObject({ status: 'succeeded', source: 'llm', model: 'test-model', tokensIn: 1200 });
    expect(first.promptVersion).toBe('filing-analysis.v1');
    const replay = await analyst.analyze({ ...request, requestId: 'replay' });
    expect(replay).toEqual({ ...first, requestId: 'replay' });
    expect(provider.calls).toBe(1);
    expect(budget.used()).toBe(1350);
    expect(await value('sec_tracker_analysis_tokens_total', { direction: 'input' })).toBe(1200);
    expect(await value('sec_tracker_analysis_budget_remaining_tokens')).toBe(1_000_000 - 1350);
  });

  it('sends identical content asked at the same time once', async () => {
    const provider = model(() => answer(good));
    const { analyst } = setup({ provider });
    const results = await Promise.all(
      [1, 2, 3].map((i) => analyst.analyze({ ...request, requestId: `r${i}` })),
    );
    expect(provider.calls).toBe(1);
    expect(results.map((r) => r.requestId)).toEqual(['r1', 'r2', 'r3']);
  });

  it('asks again when forced, and after a failure (failures are not cached)', async () => {
    const replies = [answer('nope'), answer('still nope'), answer(good), answer(good)];
    const provider = model(() => replies.shift()!);
    const { analyst, value } = setup({ provider });
    expect(await analyst.analyze(request)).toMatchObject({
      status: 'failed',
      errorCode: 'invalid_json',
      attempts: 2,
    });
    expect(await analyst.analyze(request)).toMatchObject({ status: 'succeeded' });
    const forced = { ...request, requestId: 'cli:forced', force: true };
    expect(await analyst.analyze(forced)).toMatchObject({ status: 'succeeded' });
    expect(provider.calls).toBe(4);
    // Replaying the forced request does not ask again.
    expect(await analyst.analyze(forced)).toMatchObject({ status: 'succeeded' });
    expect(provider.calls).toBe(4);
    expect(await value('sec_tracker_analysis_failures_total', { reason: 'invalid_json' })).toBe(1);
  });

  it('falls back to the rules once the day’s token budget is spent', async () => {
    const provider = model(() => answer(good));
    const { analyst, value } = setup({ provider, budget: 100 });
    const result = await analyst.analyze(request);
    expect(result).toMatchObject({ status: 'succeeded', model: 'rules', fallbackReason: 'budget_exhausted' });
    expect(provider.calls).toBe(0);
    expect(await value('sec_tracker_analysis_requests_total', { source: 'rules' })).toBe(1);
  });

  it('stores a withdrawn cluster without asking anything, dated by its request', async () => {
    const provider = model(() => answer(good));
    const { analyst } = setup({ provider });
    const withdrawn = {
      ...request,
      subjectKind: 'cluster' as const,
      subjectKey: '0009990005|2026-04-20',
      withdrawn: true,
    };
    expect(await analyst.analyze(withdrawn)).toMatchObject({
      status: 'withdrawn',
      analysis: null,
      model: 'test-model',
      analyzedAt: request.requestedAt,
    });
    expect(provider.calls).toBe(0);
  });
});
