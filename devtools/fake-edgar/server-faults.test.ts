import { request } from 'node:http';
import { FIXTURES_DIR, startFakeEdgar } from './index';
import type { FakeEdgar } from './index';

const UA = 'Sec Tracker Tests tests@example.com';
const get = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { headers: { 'User-Agent': UA, ...headers } });

let edgar: FakeEdgar;
let txtUrl: string;
beforeEach(async () => {
  edgar = await startFakeEdgar({ dir: FIXTURES_DIR });
  txtUrl = `${edgar.baseUrl}/Archives/edgar/data/9990001/000999500126000101/0009995001-26-000101.txt`;
});
afterEach(async () => {
  await edgar.close();
});

describe('fault injection', () => {
  it('answers 429 with Retry-After for the next N matching requests, then normally', async () => {
    const fault = edgar.faults.add({
      match: '000999500126000101',
      kind: 'status429',
      retryAfterSeconds: 3,
      times: 2,
    });
    const first = await get(txtUrl);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await get(txtUrl)).status).toBe(429);
    expect((await get(txtUrl)).status).toBe(200);
    expect(fault.hits).toBe(2);
  });

  it('answers 503, and 403 with the throttle HTML or the AccessDenied XML', async () => {
    edgar.faults.add({ match: /browse-edgar/, kind: 'status503', times: 1 });
    expect((await get(`${edgar.baseUrl}/cgi-bin/browse-edgar?action=getcurrent&output=atom`)).status).toBe(
      503,
    );
    edgar.faults.add({ match: '.txt', kind: 'status403', times: 1 });
    const html = await get(txtUrl);
    expect(html.status).toBe(403);
    expect(await html.text()).toContain('Undeclared Automated Tool');
    edgar.faults.add({ match: '.txt', kind: 'status403', body: 'xml', times: 1 });
    const xml = await get(txtUrl);
    expect(xml.status).toBe(403);
    expect(await xml.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('delays responses: nothing is answered until the delay is over', async () => {
    const delays: { ms: number; release: () => void }[] = [];
    const held = await startFakeEdgar({
      dir: FIXTURES_DIR,
      sleep: (ms) => new Promise<void>((release) => delays.push({ ms, release })),
    });
    try {
      held.faults.add({ match: '.txt', kind: 'delay', delayMs: 300, times: 1 });
      let answered = false;
      const url = txtUrl.replace(edgar.baseUrl, held.baseUrl);
      const response = get(url).then((r) => {
        answered = true;
        return r;
      });
      while (delays.length === 0) {
        await new Promise((r) => setImmediate(r));
      }
      expect(delays.map((d) => d.ms)).toEqual([300]);
      expect([answered, held.requests.map((r) => r.status)]).toEqual([false, [0]]);
      delays[0]!.release();
      expect((await response).status).toBe(200);
      expect(held.requests.map((r) => r.status)).toEqual([200]);
    } finally {
      await held.close();
    }
  });

  it('truncates bodies: Content-Length promises more than arrives, then the socket closes', async () => {
    edgar.faults.add({ match: '.txt', kind: 'truncate', fraction: 0.25 });
    const outcome = await new Promise<{ declared: number; received: number; error: boolean }>((resolve) => {
      const req = request(txtUrl, { headers: { 'User-Agent': UA } }, (res) => {
        let received = 0;
        const declared = Number(res.headers['content-length']);
        res.on('data', (c: Buffer) => (received += c.length));
        res.on('error', () => resolve({ declared, received, error: true }));
        res.on('aborted', () => resolve({ declared, received, error: true }));
        res.on('end', () => resolve({ declared, received, error: false }));
      });
      req.on('error', () => resolve({ declared: -1, received: -1, error: true }));
      req.end();
    });
    expect(outcome.error).toBe(true);
    expect(outcome.received).toBeLessThan(outcome.declared);
    await expect(get(txtUrl).then((r) => r.text())).rejects.toThrow();
  });

  it('can return an HTML page with status 200 where the feed was expected', async () => {
    edgar.faults.add({ match: 'browse-edgar', kind: 'htmlFeedError', times: 1 });
    const res = await get(`${edgar.baseUrl}/cgi-bin/browse-edgar?action=getcurrent&type=4&output=atom`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it('clears faults', async () => {
    edgar.faults.add({ match: '.txt', kind: 'status503' });
    edgar.faults.clear();
    expect((await get(txtUrl)).status).toBe(200);
  });
});

describe('manners', () => {
  it('refuses requests without a "Name email" User-Agent like EDGAR does', async () => {
    const res = await fetch(txtUrl, { headers: { 'User-Agent': 'python-requests/2.31' } });
    expect(res.status).toBe(403);
  });

  it('gzips when asked and logs each request with its time and headers', async () => {
    const before = Date.now();
    const res = await get(txtUrl, { 'Accept-Encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('<SEC-DOCUMENT>0009995001-26-000101.txt');
    const logged = edgar.requests.at(-1)!;
    expect(logged.path).toBe(new URL(txtUrl).pathname);
    expect(logged.userAgent).toBe(UA);
    expect(logged.acceptEncoding).toContain('gzip');
    expect(logged.status).toBe(200);
    // Stamped while the request was in flight (the fake's monotonic clock may drift from Date.now()
    // by a little, which the 1 s margin absorbs; load only widens the window).
    expect(logged.at).toBeGreaterThanOrEqual(before - 1000);
    expect(logged.at).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
