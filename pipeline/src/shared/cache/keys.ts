/**
 * Redis key builders of a deployment, in one place, all under its namespace (REDIS_NAMESPACE), so
 * deployments sharing a Redis never see each other's keys. The loader bumps versions, the API
 * reads them: a response is cached under the version of what it depends on (one issuer, or the
 * whole market), so a bump makes every cached answer about it unreachable at once, without
 * scanning for keys.
 *
 * Versions are keyed by issuer CIK, never by ticker: a ticker can pass from one company to
 * another, and one company's filings can carry several tickers over time.
 */
export function redisKeys(namespace: string) {
  const base = `${namespace}:v1`;
  return {
    issuerVersion: (issuerCik: string) => `${base}:issuer-version:${issuerCik}`,
    /** Bumped on every load: market-wide answers (latest filings, clusters, screens) depend on it. */
    marketVersion: `${base}:market-version`,
    response: (route: string, version: string, params: string) => `${base}:api:${route}:${version}:${params}`,
    /**
     * Capped stream of committed transaction rows, one entry per loader batch (`rows`: JSON
     * [[accession, position], …]); the API's /stream reads it, and replays it after a reconnect.
     */
    loadedRows: `${base}:loaded-rows`,
    /** Pub/sub channel the loader publishes each new loadedRows entry id on (a doorbell). */
    loadedRowsChannel: `${base}:loaded-rows:new`,
    /** Prefix of the API's rate-limit counters. */
    rateLimit: `${base}:rate-limit`,
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;
