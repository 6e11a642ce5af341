/**
 * Redis keys of the crawler: SEC's fair-access budget. EDGAR limits requests per IP address, not
 * per deployment, so every crawler behind one address must share one pacer, one admission log and
 * one 403 breaker, whichever deployment (REDIS_NAMESPACE, TOPIC_PREFIX) it belongs to. These keys
 * are therefore the one deliberate exception to the per-deployment namespace: they live under
 * SEC_BUDGET_KEY, which defaults to the same value everywhere. Crawlers behind different addresses
 * may set different keys; tests set one of their own to get a pacer nobody else uses.
 */
export function crawlerKeys(budgetKey: string) {
  return {
    /** GCRA "theoretical arrival time" of the shared request pacer, in microseconds (Redis TIME). */
    rateSlot: `${budgetKey}:rate-slot`,
    /** Sorted set of recent admissions (score: Redis time in microseconds), for the hard cap. */
    rateLog: `${budgetKey}:rate-log`,
    /** Present while EDGAR's throttle (403) has paused every crawler; the value says why. */
    breaker: `${budgetKey}:breaker`,
  } as const;
}

export type CrawlerKeys = ReturnType<typeof crawlerKeys>;
