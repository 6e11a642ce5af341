import type { Redis } from '../../pipeline/src/shared/cache/redis';
import { CACHE_KEYS } from '../../pipeline/src/shared/cache/keys';
import type { Logger } from '../../pipeline/src/shared/logger';

export interface ResponseCache {
  /** Returns the cached JSON for (route, ticker, params) or computes, stores and returns it. */
  getOrCompute<T>(
    route: string,
    ticker: string,
    params: string,
    compute: () => Promise<T>,
  ): Promise<{ value: T; hit: boolean }>;
}

/**
 * Cache-aside on Redis, keyed by the issuer's version (bumped by the loader after each commit).
 * Redis being down never fails a request: the answer is computed from Postgres instead.
 */
export function createResponseCache(redis: Redis, ttlSeconds: number, logger: Logger): ResponseCache {
  return {
    async getOrCompute(route, ticker, params, compute) {
      let key: string | undefined;
      try {
        const version = (await redis.get(CACHE_KEYS.issuerVersion(ticker))) ?? '0';
        key = CACHE_KEYS.response(route, version, `${ticker.toUpperCase()}:${params}`);
        const cached = await redis.get(key);
        if (cached !== null) {
          return { value: JSON.parse(cached) as never, hit: true };
        }
      } catch (err) {
        logger.warn('cache read failed; answering from the database', { err });
        key = undefined;
      }
      const value = await compute();
      if (key) {
        redis
          .set(key, JSON.stringify(value), 'EX', ttlSeconds)
          .catch((err: unknown) => logger.warn('cache write failed', { err }));
      }
      return { value, hit: false };
    },
  };
}
