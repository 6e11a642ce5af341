import type { Metrics } from '../../shared/metrics/metrics';

export interface LiveFeedLag {
  /** Records that a live poll read every feed type it polls and produced what it could fetch. */
  caughtUp(): void;
}

/**
 * `sec_tracker_crawler_live_feed_behind_seconds`: how long ago this crawler process was last
 * caught up with EDGAR's live feed, i.e. finished a live poll that read the first page of every
 * feed type it polls and then drained the ledger (every filing found was produced, or parked for a
 * later retry with its reason). Counted from the process start until the first such poll, and
 * computed from the clock at scrape time, so it keeps growing while polls fail, hang, or wait on
 * the 403 breaker. With several crawlers, the smallest value is the system's.
 */
export function liveFeedLag(metrics: Metrics, now: () => number = Date.now): LiveFeedLag {
  let last = now();
  metrics.gauge({
    name: 'sec_tracker_crawler_live_feed_behind_seconds',
    help: 'Seconds since this crawler last finished a live poll that read every feed type and drained what it found',
    collect() {
      this.set((now() - last) / 1000);
    },
  });
  return {
    caughtUp() {
      last = now();
    },
  };
}
