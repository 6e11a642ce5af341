import { createHash } from 'node:crypto';
import type Koa from 'koa';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from '../../../pipeline/src/shared/cache/redis';
import type { Metrics } from '../../../pipeline/src/shared/metrics/metrics';
import { principalOf } from './auth';
import type { Principal } from './auth';
import { refuse } from './error-body';

export type RedisDownPolicy = 'memory' | 'open' | 'closed';

export interface RateLimitOptions {
  redis: Redis;
  /** Prefix of the counters in Redis (redisKeys().rateLimit): shared by every replica of a deployment. */
  keyPrefix: string;
  perMinute: number;
  whenRedisDown: RedisDownPolicy;
  metrics: Metrics;
  routeOf: (method: string, path: string) => string | undefined;
}

const WINDOW_SECONDS = 60;

function counterKey(p: Principal): string {
  const id = p.kind === 'key' ? p.id : p.kind === 'jwt' ? p.sub : p.ip;
  // A JWT sub is whatever the issuer put there: bounded and free of key separators once hashed.
  const safe = /^[\w.:-]{1,64}$/.test(id) ? id : createHash('sha256').update(id).digest('base64url');
  return `${p.kind}:${safe}`;
}

/**
 * A fixed one-minute window per principal, counted in Redis so every replica shares it (one Lua
 * round trip per request). While Redis is down, `memory` counts in this replica alone (the
 * default: fail open, but still bounded), `open` lets everything through, `closed` answers 503.
 */
export function rateLimit(o: RateLimitOptions): Koa.Middleware {
  const limited = o.metrics.counter({
    name: 'sec_tracker_api_rate_limited_total',
    help: 'Requests refused with 429 by the rate limit, by route template',
    labelNames: ['route'],
  });
  const limiters = new Map<number, RateLimiterAbstract>();
  function limiterFor(points: number): RateLimiterAbstract {
    let limiter = limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: o.redis,
        keyPrefix: o.keyPrefix,
        points,
        duration: WINDOW_SECONDS,
        // Without this a request would wait for Redis to come back instead of falling back.
        rejectIfRedisNotReady: true,
        insuranceLimiter:
          o.whenRedisDown === 'memory'
            ? new RateLimiterMemory({ points, duration: WINDOW_SECONDS })
            : undefined,
      });
      limiters.set(points, limiter);
    }
    return limiter;
  }

  return async (ctx, next) => {
    const principal = principalOf(ctx);
    const points = (principal.kind === 'key' && principal.ratePerMinute) || o.perMinute;
    ctx.set('RateLimit-Limit', String(points));
    let res: RateLimiterRes;
    try {
      res = await limiterFor(points).consume(counterKey(principal));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const wait = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        ctx.set('RateLimit-Remaining', '0');
        ctx.set('RateLimit-Reset', String(wait));
        ctx.set('Retry-After', String(wait));
        limited.inc({ route: o.routeOf(ctx.method, ctx.path) ?? 'unmatched' });
        return refuse(
          ctx,
          429,
          'rate_limited',
          `rate limit of ${points} requests per minute exceeded; retry in ${wait} s`,
        );
      }
      // Redis failed and no in-memory fallback is configured.
      if (o.whenRedisDown === 'closed') {
        ctx.set('Retry-After', '5');
        return refuse(
          ctx,
          503,
          'rate_limit_unavailable',
          'the rate limit store is unreachable; retry shortly',
        );
      }
      await next();
      return;
    }
    ctx.set('RateLimit-Remaining', String(res.remainingPoints));
    ctx.set('RateLimit-Reset', String(Math.max(0, Math.ceil(res.msBeforeNext / 1000))));
    await next();
  };
}
