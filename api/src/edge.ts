import zlib from 'node:zlib';
import cors from '@koa/cors';
import type Koa from 'koa';
import compress from 'koa-compress';
import type pg from 'pg';
import type { Config } from '../../pipeline/src/config/config';
import { redisKeys } from '../../pipeline/src/shared/cache/keys';
import type { Redis } from '../../pipeline/src/shared/cache/redis';
import type { Logger } from '../../pipeline/src/shared/logger';
import { createDataVersion } from './data-version';
import type { DataVersion } from './data-version';
import type { HealthDeps } from './health/health-routes';
import { jwtVerification } from './keys/jwt-keys';
import { createKeyStore } from './keys/key-store';
import { createKeyVerifier } from './keys/key-verifier';
import type { AuthOptions } from './middleware/auth';
import { clientIpResolver, trustedProxies } from './middleware/client-ip';
import type { RedisDownPolicy } from './middleware/rate-limit';

/** Everything between the internet and the routes, built once from config (see app.ts for the order). */
export interface ApiEdge {
  readonly auth: AuthOptions;
  readonly rateLimit: { redis: Redis; keyPrefix: string; perMinute: number; whenRedisDown: RedisDownPolicy };
  readonly httpCache: { redis: Redis; version: DataVersion; ttlSeconds: number; maxAgeSeconds: number };
  readonly health: HealthDeps;
  readonly keys: ReturnType<typeof redisKeys>;
  /** Outermost wire concerns: CORS (when origins are configured) and compression. */
  readonly wire: Koa.Middleware[];
  /** Writes the last key uses; call on shutdown. */
  close(): Promise<void>;
}

type EdgeConfig = Pick<
  Config,
  | 'apiAuth'
  | 'apiKeys'
  | 'jwtSecret'
  | 'jwtPublicKeyFile'
  | 'jwtJwksFile'
  | 'jwtIssuer'
  | 'jwtAudience'
  | 'jwtClockSkewSeconds'
  | 'apiRateLimit'
  | 'apiRateLimitRedisDown'
  | 'trustedProxies'
  | 'apiCacheMaxAgeSeconds'
  | 'apiMaxStaleSeconds'
  | 'apiCorsOrigins'
  | 'apiCompressBytes'
  | 'cacheTtlSeconds'
  | 'redisNamespace'
  | 'kafkaBrokers'
>;

function corsMiddleware(origins: readonly string[]): Koa.Middleware {
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('origin');
      return origins.includes('*') ? '*' : origins.includes(origin) ? origin : '';
    },
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    allowHeaders: ['X-API-Key', 'Authorization', 'If-None-Match'],
    exposeHeaders: ['ETag', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After'],
    maxAge: 600,
  });
}

/**
 * Builds the edge from config: fails at start on a bad JWT key or TRUSTED_PROXIES entry, and logs
 * a warning when the API is open to anyone.
 */
export function createEdge(
  config: EdgeConfig,
  deps: { pool: pg.Pool; redis: Redis; logger: Logger },
): ApiEdge {
  const keys = redisKeys(config.redisNamespace);
  const staleMs = config.apiMaxStaleSeconds * 1000;
  const store = createKeyStore(deps.pool);
  const verifier = createKeyVerifier({
    envKeys: config.apiKeys ?? [],
    store,
    rememberMs: staleMs,
    onTouchError: (err) => deps.logger.warn('could not record API key use', { err }),
  });
  const jwt = jwtVerification(config);
  const configured = (config.apiKeys?.length ?? 0) > 0 || jwt !== undefined;
  // API_AUTH=auto: keys issued with `sec-tracker keys create` switch auth on too (checked at most
  // once per staleness bound). A failed check is an error (500), never an open door.
  let issued: { value: boolean; until: number } | undefined;
  const required = async (): Promise<boolean> => {
    if (config.apiAuth !== 'auto' || configured) {
      return config.apiAuth !== 'open';
    }
    if (!issued || issued.until <= Date.now()) {
      issued = { value: await store.anyIssued(), until: Date.now() + staleMs };
    }
    return issued.value;
  };
  if (config.apiAuth === 'open' || (config.apiAuth === 'auto' && !configured)) {
    store.anyIssued().then(
      (any) => {
        if (!any || config.apiAuth === 'open') {
          deps.logger.warn(
            'the API is open: no API key or JWT setting, anyone may query it (rate limited by IP)',
            {
              apiAuth: config.apiAuth,
            },
          );
        }
      },
      (err: unknown) => deps.logger.warn('could not check for issued API keys', { err }),
    );
  }
  return {
    auth: {
      keys: verifier,
      jwt: jwt && {
        ...jwt,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        clockSkewSeconds: config.jwtClockSkewSeconds,
      },
      required,
      clientIp: clientIpResolver(trustedProxies(config.trustedProxies ?? [])),
    },
    rateLimit: {
      redis: deps.redis,
      keyPrefix: keys.rateLimit,
      perMinute: config.apiRateLimit,
      whenRedisDown: config.apiRateLimitRedisDown,
    },
    httpCache: {
      redis: deps.redis,
      version: createDataVersion(deps.redis, keys.marketVersion, staleMs / 2),
      ttlSeconds: config.cacheTtlSeconds,
      maxAgeSeconds: config.apiCacheMaxAgeSeconds,
    },
    health: {
      pool: deps.pool,
      redis: deps.redis,
      kafkaBrokers: config.kafkaBrokers,
      whenRedisDown: config.apiRateLimitRedisDown,
    },
    keys,
    wire: [
      ...(config.apiCorsOrigins?.length ? [corsMiddleware(config.apiCorsOrigins)] : []),
      compress({
        threshold: config.apiCompressBytes,
        br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
        gzip: { level: 6 },
        deflate: false,
        zstd: false,
      }),
    ],
    close: () => verifier.close(),
  };
}
