import { runStages } from '../../src/runtime/run-stages';
import type { RunningPipeline } from '../../src/runtime/run-stages';
import { createPool } from '../../src/shared/db/pool';
import { createMetrics } from '../../src/shared/metrics/metrics';
import { postgresBudget } from '../../src/stages/analysis/analyst-state';
import { produceRaw, query, testFiling } from './analysis-helpers';
import type { StoredResult } from './analysis-helpers';
import { startFakeLlm } from './fake-llm';
import type { FakeLlm } from './fake-llm';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

describe('daily token budget in Postgres (shared by every analyst process)', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: ReturnType<typeof createPool>;
  beforeAll(async () => {
    db = await createTestDatabase('budget');
    pool = createPool({ databaseUrl: db.url }, testLogger, 10);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('never lets concurrent reservations exceed the day, and settles to what was used', async () => {
    let now = new Date('2026-05-20T23:59:00Z');
    const budget = postgresBudget(pool, 1000, () => now);
    const taken = await Promise.all(Array.from({ length: 10 }, () => budget.reserve(300)));
    const granted = taken.filter((t) => t !== null);
    expect(granted).toHaveLength(3);
    expect(await budget.remaining()).toBe(100);
    await budget.settle(granted[0]!, 120);
    expect(await budget.remaining()).toBe(280);
    expect(await budget.reserve(281)).toBeNull();
    expect(await budget.reserve(280)).not.toBeNull();
    expect(await budget.remaining()).toBe(0);
    // A new UTC day starts a new budget; a reservation settles on the day it was taken.
    now = new Date('2026-05-21T00:00:01Z');
    expect(await budget.remaining()).toBe(1000);
    await budget.settle(granted[1]!, 0);
    expect(await budget.remaining()).toBe(1000);
  });
});

describe('analysis stage with the day’s token budget spent', () => {
  let fake: FakeLlm;
  let db: { url: string; drop(): Promise<void> };
  let pipeline: RunningPipeline;
  const metrics = createMetrics();

  beforeAll(async () => {
    fake = await startFakeLlm();
    db = await createTestDatabase('budget0');
    const config = testConfig({
      TOPIC_PREFIX: randomPrefix('budget0'),
      DATABASE_URL: db.url,
      ANALYSIS_BASE_URL: fake.url,
      ANALYSIS_MODEL: 'fake-model',
      ANALYSIS_DAILY_TOKEN_BUDGET: '0',
    });
    await createTestTopics(config);
    pipeline = await runStages(config, testLogger, ['parser', 'loader', 'analysis'], {
      metrics,
      metricsPort: 0,
    });
    await produceRaw(config, [testFiling(60), testFiling(61)]);
  });
  afterAll(async () => {
    await pipeline?.close();
    await fake?.close();
    await db?.drop();
  }, 60000);

  it('answers with the rule-based analyst, says why, and calls no model', async () => {
    const results = await waitFor(
      'two analyses',
      async () => {
        const rows = await query<StoredResult>(db.url, 'SELECT * FROM analysis_results');
        return rows.length === 2 ? rows : undefined;
      },
      120000,
    );
    for (const r of results) {
      expect(r).toMatchObject({
        status: 'succeeded',
        model: 'rules',
        source: 'rules',
        fallback_reason: 'budget_exhausted',
      });
      expect(r.summary).toMatch(
        /^Owner 6\d \(director\) bought 20,000 TI6\d shares on the open market for \$200,000/,
      );
    }
    expect(fake.calls).toHaveLength(0);
    const remaining = await metrics.registry
      .getSingleMetric('sec_tracker_analysis_budget_remaining_tokens')!
      .get();
    expect(remaining.values[0]!.value).toBe(0);
  });
});
