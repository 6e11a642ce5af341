import type { Redis } from '../../pipeline/src/shared/cache/redis';
import type { RedisKeys } from '../../pipeline/src/shared/cache/keys';
import type { Logger } from '../../pipeline/src/shared/logger';

/** What a cached answer depends on: one issuer's data, or anything loaded market-wide. */
export type CacheScope = { issuerCik: string } | 'market';

export interface CacheRequest {
  /** Route name, part of the key. */
  route: string;
  scope: CacheScope;
  /** Everything else that shapes the answer (validated parameters), serialized. */
  params: string;
}

export interface ResponseCache {
  /** Returns the cached JSON for the request or computes, stores and returns it. */
  getOrCompute<T>(request: CacheRequest, compute: () => Promise<T>): Promise<{ value: T; hit: boolean }>;
}

/**
 * Cache-aside on Redis, keyed by the version of the request's scope (bumped by the loader after
 * each commit). Redis being down never fails a request: the answer is computed from Postgres instead.
 */
export function createResponseCache(
  redis: Redis,
  keys: RedisKeys,
  ttlSeconds: number,
  logger: Logger,
): ResponseCache {
  return {
    async getOrCompute({ route, scope, params }, compute) {
      let key: string | undefined;
      if (redis.status !== 'ready') {
        // Redis is down: straight to Postgres, without a failed call (and a log line) per request.
        return { value: await compute(), hit: false };
      }
      try {
        const versionKey = scope === 'market' ? keys.marketVersion : keys.issuerVersion(scope.issuerCik);
        const version = (await redis.get(versionKey)) ?? '0';
        const subject = scope === 'market' ? 'market' : scope.issuerCik;
        key = keys.response(route, version, `${subject}:${params}`);
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
