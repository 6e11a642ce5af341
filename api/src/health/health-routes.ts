import { readFileSync } from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import type Koa from 'koa';
import type pg from 'pg';
import type { Redis } from '../../../pipeline/src/shared/cache/redis';
import { REPO_ROOT } from '../../../pipeline/src/paths';
import type { RedisDownPolicy } from '../middleware/rate-limit';
import { lastLoadAt, probeDatabase, probeKafka, redisState } from './probes';

const VERSION = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export interface HealthDeps {
  pool: pg.Pool;
  redis: Redis;
  kafkaBrokers: readonly string[];
  whenRedisDown: RedisDownPolicy;
}

/** What the API does while Redis is down, for /ready and /health. */
function degradedModes(whenRedisDown: RedisDownPolicy) {
  return {
    cache: 'bypassed: answering from Postgres',
    rateLimit: {
      memory: 'counted per replica in memory',
      open: 'not enforced',
      closed: 'refusing requests with 503',
    }[whenRedisDown],
  };
}

/**
 * Liveness (`/live`, `/healthz`): the process answers. Readiness (`/ready`, `/readyz`): 503 without
 * Postgres (nothing can be answered); 200 "degraded" without Redis, saying what that changes.
 * `/health`: everything at once, for people. None of them needs a key or counts against a limit.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const router = new Router();
  const live = (ctx: Koa.Context) => {
    ctx.body = { status: 'ok' };
  };
  const ready = async (ctx: Koa.Context) => {
    const database = await probeDatabase(deps.pool);
    const redis = redisState(deps.redis);
    ctx.status = database === 'up' ? 200 : 503;
    ctx.body = {
      status: database === 'down' ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok',
      database,
      redis,
      ...(redis === 'down' ? { degraded: degradedModes(deps.whenRedisDown) } : {}),
    };
  };
  router.get('/live', live);
  router.get('/healthz', live);
  router.get('/ready', ready);
  router.get('/readyz', ready);
  router.get('/health', async (ctx) => {
    const [database, kafka, lastLoad] = await Promise.all([
      probeDatabase(deps.pool),
      probeKafka(deps.kafkaBrokers),
      lastLoadAt(deps.pool).catch(() => null),
    ]);
    const cache = redisState(deps.redis);
    ctx.status = database === 'up' ? 200 : 503;
    ctx.body = {
      status: database === 'down' ? 'unavailable' : cache === 'down' || kafka === 'down' ? 'degraded' : 'ok',
      version: VERSION,
      database,
      cache,
      kafka,
      lastLoadAt: lastLoad,
      ...(cache === 'down' ? { degraded: degradedModes(deps.whenRedisDown) } : {}),
    };
  });
  return router;
}
