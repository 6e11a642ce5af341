/**
 * Redis keys of the crawler, in one place. They are namespaced by TOPIC_PREFIX like topics and
 * consumer groups, so parallel test runs (and tenants sharing a Redis) do not share a rate limit.
 * Crawlers that share an IP address towards sec.gov must share a prefix: the limit is per address.
 */
export function crawlerKeys(prefix: string) {
  const base = `${prefix}sec-tracker:v1:crawler`;
  return {
    /** GCRA "theoretical arrival time" of the shared request pacer, in microseconds (Redis TIME). */
    rateSlot: `${base}:rate-slot`,
    /** Sorted set of recent admissions (score: Redis time in microseconds), for the hard cap. */
    rateLog: `${base}:rate-log`,
    /** Present while EDGAR's throttle (403) has paused every crawler; the value says why. */
    breaker: `${base}:breaker`,
  } as const;
}

export type CrawlerKeys = ReturnType<typeof crawlerKeys>;
