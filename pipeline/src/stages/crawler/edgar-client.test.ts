import { FIXTURES_DIR, startFakeEdgar } from '../../../../devtools/fake-edgar';
import type { FakeEdgar } from '../../../../devtools/fake-edgar';
import { createLogger } from '../../shared/logger';
import { createMetrics } from '../../shared/metrics/metrics';
import { crawlerMetrics } from './crawler-metrics';
import { EdgarError, createEdgarClient } from './edgar-client';
import type { RateGate } from './rate-gate';

const UA = 'Sec Tracker Tests tests@example.com';

function stubGate() {
  const trips: string[] = [];
  let acquired = 0;
  const gate: RateGate = {
    acquire: () => {
      acquired++;
      return Promise.resolve({ id: String(acquired) });
    },
    arrived: () => Promise.resolve(),
    trip: (reason) => {
      trips.push(reason);
      return Promise.resolve(true);
    },
    pausedForMs: () => Promise.resolve(0),
  };
  return { gate, trips, acquired: () => acquired };
}

let edgar: FakeEdgar;
let url: string;
beforeEach(async () => {
  edgar = await startFakeEdgar({ dir: FIXTURES_DIR });
  url = `${edgar.baseUrl}/Archives/edgar/data/9990001/000999500126000101/0009995001-26-000101.txt`;
});
afterEach(async () => {
  await edgar.close();
});

function client(gate: RateGate, o: { timeoutMs?: number; maxAttempts?: number } = {}) {
  return createEdgarClient({
    userAgent: UA,
    gate,
    logger: createLogger('error'),
    metrics: crawlerMetrics(createMetrics()),
    timeoutMs: o.timeoutMs ?? 5000,
    maxAttempts: o.maxAttempts ?? 4,
    backoffBaseMs: 20,
  });
}

describe('edgar client', () => {
  it('sends the User-Agent and asks for gzip, and takes a pacer slot per request', async () => {
    const g = stubGate();
    const res = await client(g.gate).get(url);
    expect(res.body.toString('latin1')).toMatch(/^<SEC-DOCUMENT>0009995001-26-000101\.txt/);
    expect(edgar.requests[0]).toMatchObject({
      userAgent: UA,
      acceptEncoding: expect.stringContaining('gzip') as string,
    });
    expect(g.acquired()).toBe(1);
  });

  it('honours Retry-After on 429 and retries 503', async () => {
    edgar.faults.add({ match: '.txt', kind: 'status429', retryAfterSeconds: 1, times: 1 });
    edgar.faults.add({ match: '.txt', kind: 'status503', times: 1 });
    const g = stubGate();
    const t0 = Date.now();
    await client(g.gate).get(url);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(edgar.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(g.acquired()).toBe(3);
  });

  it('retries a truncated body and a timed-out request', async () => {
    edgar.faults.add({ match: '.txt', kind: 'truncate', times: 1 });
    edgar.faults.add({ match: '.txt', kind: 'delay', delayMs: 600, times: 1 });
    const res = await client(stubGate().gate, { timeoutMs: 300 }).get(url);
    expect(res.status).toBe(200);
    expect(edgar.requests).toHaveLength(3);
  });

  it('trips the breaker on the throttle 403 and retries after it', async () => {
    edgar.faults.add({ match: '.txt', kind: 'status403', times: 1 });
    const g = stubGate();
    await client(g.gate).get(url);
    expect(g.trips).toHaveLength(1);
    expect(g.trips[0]).toContain('403');
  });

  it('treats the archive AccessDenied XML as not found, without pausing anyone', async () => {
    const g = stubGate();
    const missing = `${edgar.baseUrl}/Archives/edgar/data/9990001/000999500126999999/0009995001-26-999999.txt`;
    const err = await client(g.gate)
      .get(missing)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdgarError);
    expect((err as EdgarError).kind).toBe('not_found');
    expect((err as EdgarError).retriable).toBe(false);
    expect(g.trips).toEqual([]);
    expect(edgar.requests).toHaveLength(1);
  });

  it('gives up with a retriable error after its attempts', async () => {
    edgar.faults.add({ match: '.txt', kind: 'status503' });
    const err = (await client(stubGate().gate, { maxAttempts: 3 })
      .get(url)
      .catch((e: unknown) => e)) as EdgarError;
    expect(err.kind).toBe('gave_up');
    expect(err.retriable).toBe(true);
    expect(edgar.requests).toHaveLength(3);
  });

  it('stops at once when its signal aborts', async () => {
    edgar.faults.add({ match: '.txt', kind: 'delay', delayMs: 2000 });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const t0 = Date.now();
    await expect(client(stubGate().gate).get(url, { signal: stop.signal })).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
