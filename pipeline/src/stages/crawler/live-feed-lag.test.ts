import { createMetrics } from '../../shared/metrics/metrics';
import { liveFeedLag } from './live-feed-lag';

describe('liveFeedLag', () => {
  it('grows with the clock from the start until a caught-up poll, then from that poll', async () => {
    let clock = 1_000_000;
    const metrics = createMetrics();
    const lag = liveFeedLag(metrics, () => clock);
    const behind = async () =>
      (await metrics.registry.getSingleMetric('sec_tracker_crawler_live_feed_behind_seconds')?.get())
        ?.values[0]?.value;
    clock += 90_000;
    expect(await behind()).toBe(90);
    lag.caughtUp();
    clock += 2_500;
    expect(await behind()).toBe(2.5);
  });
});
