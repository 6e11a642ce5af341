import { createLogger } from '../logger';
import { createMetrics } from './metrics';
import type { Metrics } from './metrics';
import { watchPostgres } from './postgres-probe';
import type { ProbedPool } from './postgres-probe';

const logs: string[] = [];
const logger = createLogger('info', {}, (line) => logs.push(line));

function pool(answer: () => Promise<unknown>): ProbedPool {
  return { query: answer, totalCount: 3, idleCount: 2, waitingCount: 1 };
}

async function value(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  if (!found) {
    throw new Error(`no ${name} with ${JSON.stringify(labels)}`);
  }
  return found.value;
}

describe('watchPostgres', () => {
  beforeEach(() => (logs.length = 0));

  it('reports 1 and the pool clients when SELECT 1 answers', async () => {
    const metrics = createMetrics();
    const probe = watchPostgres({ pool: pool(() => Promise.resolve()), metrics, stage: 'loader', logger });
    await probe.firstProbe;
    probe.stop();
    expect(await value(metrics, 'sec_tracker_postgres_up', { stage: 'loader' })).toBe(1);
    expect(await value(metrics, 'sec_tracker_postgres_pool_clients', { state: 'waiting' })).toBe(1);
    expect(logs).toEqual([]);
  });

  it('reports 0 and logs once when the query fails, and 1 again when it answers', async () => {
    const metrics = createMetrics();
    let fail = true;
    const probe = watchPostgres({
      pool: pool(() => (fail ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve())),
      metrics,
      stage: 'crawler',
      logger,
    });
    await probe.firstProbe;
    await probe.probeOnce();
    expect(await value(metrics, 'sec_tracker_postgres_up', { stage: 'crawler' })).toBe(0);
    fail = false;
    await probe.probeOnce();
    probe.stop();
    expect(await value(metrics, 'sec_tracker_postgres_up', { stage: 'crawler' })).toBe(1);
    expect(logs.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'postgres unreachable',
      'postgres reachable again',
    ]);
  });

  it('reports 0 when the query does not answer within the timeout', async () => {
    const metrics = createMetrics();
    const probe = watchPostgres({
      pool: pool(() => new Promise(() => undefined)),
      metrics,
      stage: 'aggregator',
      logger,
      timeoutMs: 20,
    });
    await probe.firstProbe;
    expect(await value(metrics, 'sec_tracker_postgres_up', { stage: 'aggregator' })).toBe(0);
    // Still hanging: the next probe does not pile another query on top of it.
    await probe.probeOnce();
    probe.stop();
    expect(await value(metrics, 'sec_tracker_postgres_up', { stage: 'aggregator' })).toBe(0);
  });
});
