import { createHash } from 'node:crypto';
import type Koa from 'koa';
import type { Redis } from '../../../pipeline/src/shared/cache/redis';
import type { RedisKeys } from '../../../pipeline/src/shared/cache/keys';
import type { Logger } from '../../../pipeline/src/shared/logger';
import type { Metrics } from '../../../pipeline/src/shared/metrics/metrics';
import type { DataVersion } from '../data-version';

export interface HttpCacheOptions {
  redis: Redis;
  keys: RedisKeys;
  version: DataVersion;
  ttlSeconds: number;
  /** max-age of `Cache-Control: public`. */
  maxAgeSeconds: number;
  metrics: Metrics;
  logger: Logger;
  routeOf: (method: string, path: string) => string | undefined;
}

/** As kept in Redis (JSON). */
interface Stored {
  etag: string;
  body: string;
}

/** As kept in this process: the body already UTF-8 encoded, so a hit writes bytes, not a string. */
interface Local {
  etag: string;
  bytes: Buffer;
}

/** Entries kept in this process in front of Redis, keyed like Redis (so by data version too). */
const LOCAL_ENTRIES = 1000;
const LOCAL_MAX_BYTES = 256 * 1024;

function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 If-None-Match: weak comparison, a list, or `*`. */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') {
    return true;
  }
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * The request's identity for the cache: path and query with parameters sorted, and the Accept
 * header, since one route may answer JSON or CSV (the screener) depending on it.
 */
function requestKey(ctx: Koa.Context): string {
  const params = new URLSearchParams(ctx.querystring);
  params.sort();
  return createHash('sha256')
    .update(`${ctx.path}?${params.toString()}\n${ctx.get('accept')}`)
    .digest('base64url');
}

/**
 * Caches every successful JSON answer of every GET route mounted after it, whole, in Redis under
 * the market version the loader bumps (a load invalidates every cached answer at once, so no
 * route has to declare what it depends on), with a small copy in this process. Adds a strong
 * ETag (answers 304 to a matching If-None-Match) and `Cache-Control: public, max-age`.
 * Redis failing never fails a request: the route answers from Postgres, counted as `error`.
 */
export function httpCache(o: HttpCacheOptions): Koa.Middleware {
  const lookups = o.metrics.counter({
    name: 'sec_tracker_api_cache_requests_total',
    help: 'Cacheable API requests by route template and result (hit, miss, error: Redis failed)',
    labelNames: ['route', 'result'],
  });
  const local = new Map<string, Local>();
  const cacheControl = `public, max-age=${o.maxAgeSeconds}`;

  function encode(stored: Stored): Local {
    return { etag: stored.etag, bytes: Buffer.from(stored.body) };
  }

  function remember(key: string, entry: Local): void {
    if (entry.bytes.length > LOCAL_MAX_BYTES) {
      return;
    }
    if (local.size >= LOCAL_ENTRIES) {
      local.delete(local.keys().next().value!);
    }
    local.set(key, entry);
  }

  function send(ctx: Koa.Context, entry: Local): void {
    ctx.set('ETag', entry.etag);
    ctx.set('Cache-Control', cacheControl);
    if (matches(ctx.get('if-none-match'), entry.etag)) {
      ctx.status = 304;
      return;
    }
    // The type first: a Buffer body would otherwise be typed application/octet-stream.
    ctx.type = 'application/json';
    ctx.body = entry.bytes;
  }

  return async (ctx, next) => {
    const route = ctx.method === 'GET' || ctx.method === 'HEAD' ? o.routeOf('GET', ctx.path) : undefined;
    if (route === undefined) {
      await next();
      return;
    }
    const version = await o.version.current();
    let key: string | undefined;
    if (version !== undefined) {
      key = o.keys.response('http', version, requestKey(ctx));
      let entry = local.get(key);
      if (!entry) {
        try {
          const raw = await o.redis.get(key);
          entry = raw === null ? undefined : encode(JSON.parse(raw) as Stored);
        } catch (err) {
          o.logger.warn('cache read failed; answering from the database', { err });
          key = undefined;
        }
        if (entry && key) {
          remember(key, entry);
        }
      }
      if (entry) {
        lookups.inc({ route, result: 'hit' });
        ctx.set('X-Cache', 'hit');
        send(ctx, entry);
        return;
      }
    }
    lookups.inc({ route, result: key ? 'miss' : 'error' });
    await next();
    if (
      ctx.status !== 200 ||
      ctx.body === null ||
      typeof ctx.body !== 'object' ||
      Buffer.isBuffer(ctx.body)
    ) {
      return;
    }
    if (typeof (ctx.body as { pipe?: unknown }).pipe === 'function') {
      return;
    }
    const body = JSON.stringify(ctx.body);
    const stored = { etag: strongEtag(body), body };
    const entry = encode(stored);
    if (key) {
      const storeKey = key;
      remember(storeKey, entry);
      o.redis
        .set(storeKey, JSON.stringify(stored), 'EX', o.ttlSeconds)
        .catch((err: unknown) => o.logger.warn('cache write failed', { err }));
    }
    ctx.set('X-Cache', key ? 'miss' : 'bypass');
    send(ctx, entry);
  };
}
