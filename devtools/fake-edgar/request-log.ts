/** What the fake EDGAR saw, for tests that check the crawler's manners (rate, headers). */
export interface LoggedRequest {
  /** Arrival time, ms since epoch with sub-millisecond precision. */
  at: number;
  method: string;
  path: string;
  userAgent: string | undefined;
  acceptEncoding: string | undefined;
  /** Status sent, or 0 when the connection was cut (truncate fault) before a status was final. */
  status: number;
}

/**
 * The largest number of requests that fall in any window of `windowMs`, counting a request at
 * `t` in every window [s, s + windowMs) that contains it. Sliding the window start over each
 * request time is enough, since the maximum is always reached with a request at the left edge.
 */
export function maxRequestsInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let right = 0;
  for (let left = 0; left < sorted.length; left++) {
    while (right < sorted.length && sorted[right]! < sorted[left]! + windowMs) {
      right++;
    }
    best = Math.max(best, right - left);
  }
  return best;
}
