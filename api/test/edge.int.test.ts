/**
 * The public edge against real Postgres and Redis: a rate limit shared by two replicas, keys
 * issued and revoked with `sec-tracker keys`, ETag/304, invalidation by a load within the
 * staleness bound, and Redis lost mid-run (through a TCP relay in front of the shared Redis).
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { redisKeys } from '../../pipeline/src/shared/cache/keys';
import { createTestDatabase, waitFor } from '../../pipeline/test/integration/helpers';
import { apiTestConfig, metricValue, runKeys, startTestApi } from './helpers';
import type { TestApi } from './helpers';
import { startTcpRelay } from '../../devtools/tcp-relay';
import type { TcpRelay } from '../../devtools/tcp-relay';

const CLUSTERS = '/api/v1/clusters';

let db: { url: string; drop(): Promise<void> };
let pool: pg.Pool;
let redis: Redis;
const apis: TestApi[] = [];

async function insertCluster(issuerCik: string, ticker: string): Promise<void> {
  await pool.query(
    `INSERT INTO cluster_events (issuer_cik, start_date, end_date, trigger_date, issuer_ticker, active,
       insider_count, purchase_count, purchase_shares, purchase_value, min_insiders, window_days, min_value)
     VALUES ($1, '2026-11-02', '2026-11-05', '2026-11-05', $2, true, 3, 3, 1000, 50000, 3, 10, 10000)`,
    [issuerCik, ticker],
  );
}

async function start(env: Record<string, string>): Promise<TestApi> {
  const api = await startTestApi(apiTestConfig(db.url, env));
  apis.push(api);
  return api;
}

beforeAll(async () => {
  db = await createTestDatabase('edge');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  redis = new Redis(apiTestConfig(db.url).redisUrl);
});

afterAll(async () => {
  for (const api of apis) {
    await api.close();
  }
  await pool?.end();
  redis?.disconnect();
  await db?.drop();
});

describe('rate limit shared through Redis', () => {
  it('two replicas together allow exactly the limit, then 429 with Retry-After and RateLimit headers', async () => {
    const env = { API_RATE_LIMIT: '7', REDIS_NAMESPACE: `edge-rl-${Date.now()}` };
    const [a, b] = [await start(env), await start(env)];
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch((i % 2 === 0 ? a : b).url + CLUSTERS);
      statuses.push(res.status);
      remaining.push(res.headers.get('ratelimit-remaining') ?? '');
      expect(res.headers.get('ratelimit-limit')).toBe('7');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(remaining).toEqual(['6', '5', '4', '3', '2', '1', '0']);
    for (const api of [a, b]) {
      const res = await fetch(api.url + CLUSTERS);
      expect(res.status).toBe(429);
      expect(res.headers.get('ratelimit-limit')).toBe('7');
      expect(res.headers.get('ratelimit-remaining')).toBe('0');
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.headers.get('ratelimit-reset')).toBe(String(retryAfter));
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).toMatch(/7 requests per minute/);
    }
    expect(await metricValue(a.metrics, 'sec_tracker_api_rate_limited_total', { route: CLUSTERS })).toBe(1);
    expect(
      await metricValue(a.metrics, 'sec_tracker_api_requests_total', { route: CLUSTERS, status: '429' }),
    ).toBe(1);
  });
});

describe('API keys issued with sec-tracker keys', () => {
  it('creates a key printed once, requires it, counts its own rate, records its use and refuses it once revoked', async () => {
    const env = { API_MAX_STALE_SECONDS: '1', API_RATE_LIMIT: '1000' };
    const config = apiTestConfig(db.url, env);
    const created = await runKeys(config, ['create', '--name', 'edge-test', '--rate', '3']);
    expect(created.code).toBe(0);
    const key = created.out[1]!;
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    const stored = await pool.query<{ key_hash: string }>('SELECT key_hash FROM api_keys');
    expect(stored.rows.map((r) => r.key_hash)).not.toContain(key);

    const api = await start(env);
    // A key exists, so API_AUTH=auto requires one.
    expect((await fetch(api.url + CLUSTERS)).status).toBe(401);
    const withKey = () => fetch(api.url + CLUSTERS, { headers: { 'x-api-key': key } });
    const first = await withKey();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect((await withKey()).status).toBe(200);
    expect((await withKey()).status).toBe(200);
    expect((await withKey()).status).toBe(429);

    const id = created.out[0]!.match(/API key (\d+)/)![1]!;
    expect((await runKeys(config, ['revoke', id])).code).toBe(0);
    // Revocation reaches every replica within API_MAX_STALE_SECONDS.
    await new Promise((r) => setTimeout(r, 1100));
    const revoked = await withKey();
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({
      error: { code: 'unauthorized', message: 'API key revoked', parameter: null },
    });

    await api.close();
    apis.splice(apis.indexOf(api), 1);
    const listed = (await runKeys(config, ['list'])).out.find((l) => l.startsWith(`${id}\t`))!;
    expect(listed.split('\t')).toEqual([
      id,
      'edge-test',
      'read',
      '3/min',
      expect.stringMatching(/^\d{4}-/),
      expect.stringMatching(/^\d{4}-/),
      expect.stringMatching(/^revoked \d{4}-/),
    ]);
    expect((await runKeys(config, ['revoke', '999999'])).code).toBe(1);
    await pool.query('DELETE FROM api_keys');
  });
});

describe('HTTP caching', () => {
  it('answers If-None-Match with 304 and the same strong ETag, public max-age from config', async () => {
    const api = await start({ API_CACHE_MAX_AGE_SECONDS: '17' });
    const first = await fetch(api.url + CLUSTERS);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=17');
    const again = await fetch(api.url + CLUSTERS, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const other = await fetch(api.url + CLUSTERS, { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
    expect(
      await metricValue(api.metrics, 'sec_tracker_api_cache_requests_total', {
        route: CLUSTERS,
        result: 'hit',
      }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('serves a load within API_MAX_STALE_SECONDS, and compresses large answers', async () => {
    const api = await start({ API_MAX_STALE_SECONDS: '1', API_COMPRESS_BYTES: '200' });
    const before = (await (await fetch(api.url + CLUSTERS)).json()) as { count: number };
    expect((await fetch(api.url + CLUSTERS)).headers.get('x-cache')).toBe('hit');
    await insertCluster('0000000042', 'LOAD');
    // What the loader does after each commit (pipeline/src/runtime/loader.ts).
    await redis.incr(redisKeys(api.config.redisNamespace).marketVersion);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await fetch(api.url + CLUSTERS, { headers: { 'accept-encoding': 'br' } });
    expect(after.headers.get('content-encoding')).toBe('br');
    expect(((await after.json()) as { count: number }).count).toBe(before.count + 1);
  });
});

describe('Redis lost mid-run', () => {
  let relay: TcpRelay;
  afterAll(() => relay?.close());

  it('keeps answering from Postgres, says so in /ready and the metric, and recovers', async () => {
    const shared = new URL(apiTestConfig(db.url).redisUrl);
    relay = await startTcpRelay({ host: shared.hostname, port: Number(shared.port || 6379) });
    const api = await start({ REDIS_URL: `redis://127.0.0.1:${relay.port}`, API_MAX_STALE_SECONDS: '1' });
    expect((await fetch(api.url + CLUSTERS)).status).toBe(200);
    expect(await metricValue(api.metrics, 'sec_tracker_api_redis_up', {})).toBe(1);

    await relay.cut();
    await new Promise((r) => setTimeout(r, 1100));
    await insertCluster('0000000043', 'DOWN');
    for (let i = 0; i < 5; i++) {
      const res = await fetch(api.url + CLUSTERS);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).not.toBeNull();
      const body = (await res.json()) as { clusters: { issuerTicker: string }[] };
      expect(body.clusters.map((c) => c.issuerTicker)).toContain('DOWN');
    }
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', database: 'up', redis: 'down' });
    const health = (await (await fetch(`${api.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'degraded', database: 'up', cache: 'down' });
    expect(await metricValue(api.metrics, 'sec_tracker_api_redis_up', {})).toBe(0);
    expect(
      await metricValue(api.metrics, 'sec_tracker_api_cache_requests_total', {
        route: CLUSTERS,
        result: 'error',
      }),
    ).toBeGreaterThanOrEqual(1);

    await relay.restore();
    await waitFor('the API to reconnect to Redis', async () =>
      ((await (await fetch(`${api.url}/ready`)).json()) as { redis: string }).redis === 'up'
        ? true
        : undefined,
    );
  });
});

describe('metrics record the status sent and the matched route', () => {
  it('counts a 500 (database missing) as 500, and a 401 and a 404 under their routes', async () => {
    const missing = await start({ DATABASE_URL: `${db.url}_missing`, API_KEYS: 'metrics-test-key' });
    expect(
      (await fetch(missing.url + CLUSTERS, { headers: { 'x-api-key': 'metrics-test-key' } })).status,
    ).toBe(500);
    expect((await fetch(missing.url + CLUSTERS)).status).toBe(401);
    expect(
      (await fetch(`${missing.url}/api/v1/nothing-here`, { headers: { 'x-api-key': 'metrics-test-key' } }))
        .status,
    ).toBe(404);
    const count = (route: string, status: string) =>
      metricValue(missing.metrics, 'sec_tracker_api_requests_total', { route, status });
    expect(await count(CLUSTERS, '500')).toBe(1);
    expect(await count(CLUSTERS, '401')).toBe(1);
    expect(await count('unmatched', '404')).toBe(1);
    expect((await fetch(`${missing.url}/live`)).status).toBe(200);
    expect((await fetch(`${missing.url}/ready`)).status).toBe(503);
  });
});
