/**
 * Exponential backoff with "equal jitter" (AWS architecture blog, "Exponential Backoff And
 * Jitter"): the wait is half the ceiling plus a random share of the other half. The jitter spreads
 * the retries of many instances; the fixed half guarantees a struggling service a minimum pause,
 * which full jitter (anywhere in [0, ceiling]) does not.
 */
export function backoffDelay(
  attempt: number,
  baseMs = 200,
  capMs = 30000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt - 1, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Sleeps in short steps so a stop request or a heartbeat deadline is honoured while waiting. */
export async function sleepUnlessStopped(
  ms: number,
  stopped: () => boolean,
  heartbeat?: () => Promise<void>,
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopped()) {
    await new Promise((r) => setTimeout(r, Math.min(500, until - Date.now())));
    if (heartbeat) {
      await heartbeat().catch(() => undefined);
    }
  }
}
