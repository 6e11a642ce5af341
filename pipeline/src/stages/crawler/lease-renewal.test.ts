import { createLogger } from '../../shared/logger';
import { createMetrics } from '../../shared/metrics/metrics';
import type { CrawlerContext } from './crawler-context';
import { crawlerMetrics } from './crawler-metrics';
import { renewLease } from './fetch-worker';

function context(renew: () => Promise<boolean>) {
  const lines: string[] = [];
  const registry = createMetrics();
  const ctx = {
    logger: createLogger('info', {}, (l) => lines.push(l)),
    metrics: crawlerMetrics(registry),
    ledger: { renew },
    worker: 'w1',
  } as unknown as CrawlerContext;
  const failures = async () =>
    (await registry.registry.getSingleMetric('sec_tracker_crawler_lease_renewal_failures_total')?.get())
      ?.values[0]?.value;
  return { ctx, lines, failures };
}

describe('renewLease', () => {
  it('counts and logs a renewal that fails', async () => {
    const { ctx, lines, failures } = context(() => Promise.reject(new Error('Connection terminated')));
    await renewLease(ctx, '0000000000-26-000001', 60);
    expect(await failures()).toBe(1);
    expect(
      lines.some((l) => l.includes('filing lease renewal failed') && l.includes('Connection terminated')),
    ).toBe(true);
  });

  it('counts and logs a lease found lost', async () => {
    const { ctx, lines, failures } = context(() => Promise.resolve(false));
    await renewLease(ctx, '0000000000-26-000001', 60);
    expect(await failures()).toBe(1);
    expect(lines.some((l) => l.includes('lease lost'))).toBe(true);
  });

  it('counts nothing when the lease is renewed (the series still exists at 0)', async () => {
    const { ctx, failures } = context(() => Promise.resolve(true));
    await renewLease(ctx, '0000000000-26-000001', 60);
    expect(await failures()).toBe(0);
  });
});
