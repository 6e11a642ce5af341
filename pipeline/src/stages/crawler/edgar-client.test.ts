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

/** The waits the client asked for between attempts; they are recorded, not spent. */
let waits: number[];
beforeEach(() => {
  waits = [];
});

function client(gate: RateGate, o: { timeoutMs?: number; maxAttempts?: number } = {}) {
  return createEdgarClient({
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
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
    await client(g.gate).get(url);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(1000); // Retry-After: 1 beats the 20 ms backoff step
    expect(waits[1]).toBeLessThan(1000); // 503 without Retry-After: backoff only
    expect(edgar.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(g.acquired()).toBe(3);
  });

  it('retries a truncated body and a timed-out request', async () => {
    edgar.faults.add({ match: '.txt', kind: 'truncate', times: 1 });
    // Far apart, so that a loaded machine cannot turn the answered request into a timeout too.
    edgar.faults.add({ match: '.txt', kind: 'delay', delayMs: 30_000, times: 1 });
    const res = await client(stubGate().gate, { timeoutMs: 1000 }).get(url);
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

  it('stops at once when its signal aborts, without retrying', async () => {
    // The fake holds the answer far longer than the test timeout: only the abort can end the call.
    edgar.faults.add({ match: '.txt', kind: 'delay', delayMs: 600_000 });
    const stop = new AbortController();
    const call = client(stubGate().gate, { timeoutMs: 600_000 }).get(url, { signal: stop.signal });
    while (edgar.requests.length === 0) {
      await new Promise((r) => setImmediate(r));
    }
    stop.abort(new Error('stop requested'));
    await expect(call).rejects.toThrow('stop requested');
    expect(edgar.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});
