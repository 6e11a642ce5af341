/**
 * The screener and the event stream over filings loaded through the real pipeline (raw topic →
 * parser → loader → Postgres, loader → Redis stream), with expected answers written by hand:
 * a fixture of small Form 4s whose values are easy to add up, a cursor that crosses a page boundary
 * while new filings load, and an event stream that resumes from Last-Event-ID without a gap.
 */
import { buildOwnershipSubmission } from '../../devtools/fake-edgar';
import type { BuiltFilingSpec } from '../../devtools/fake-edgar/submission-builder';
import { rawFilingHeaders } from '../../pipeline/src/records/raw-filing';
import { runStages } from '../../pipeline/src/runtime/run-stages';
import type { RunningPipeline } from '../../pipeline/src/runtime/run-stages';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { createProducer } from '../../pipeline/src/shared/kafka/producer';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { topicName } from '../../pipeline/src/topics';
import type { Config } from '../../pipeline/src/config/config';
import {
  countRows,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from '../../pipeline/test/integration/helpers';
import { startApi } from '../src/main';
import type { RunningApi } from '../src/main';

const ACME = { cik: '0000900001', name: 'Acme Corp', ticker: 'ACME' };
const BETA = { cik: '0000900002', name: 'Beta Inc', ticker: 'BETA' };
const ALICE = { cik: '0000700001', name: 'Alice Able' };
const BOB = { cik: '0000700002', name: 'Bob Baker' };
const CAROL = { cik: '0000700003', name: 'Carol Cole' };
const FUND = { cik: '0000710001', name: 'Cole Family Fund LP' };
const acc = (n: number): string => `0009998001-26-${String(n).padStart(6, '0')}`;
// 15:00 UTC is 10:00 in New York: filed (and traded, in these fixtures) on the same day.
const at = (day: number, hour = 15): Date => new Date(Date.UTC(2026, 10, day, hour, 0, 0));

const A: BuiltFilingSpec[] = [
  {
    accessionNumber: acc(101),
    acceptedAt: at(2),
    issuer: ACME,
    owners: [ALICE],
    purchases: [{ shares: '100', price: '10.00' }],
  },
  {
    accessionNumber: acc(102),
    acceptedAt: at(3),
    issuer: ACME,
    owners: [BOB],
    purchases: [
      { shares: '200', price: '11.00' },
      { shares: '50', price: '12.00' },
    ],
  },
  {
    accessionNumber: acc(103),
    acceptedAt: at(4),
    issuer: BETA,
    owners: [ALICE],
    purchases: [{ shares: '300', price: '5.00' }],
  },
  // A joint filing: one trade reported by two owners.
  {
    accessionNumber: acc(104),
    acceptedAt: at(5),
    issuer: ACME,
    owners: [CAROL, FUND],
    purchases: [{ shares: '400', price: '10.50' }],
  },
];
const B: BuiltFilingSpec[] = [
  // Newer than everything: before the cursor of the test's second page, so never on it.
  {
    accessionNumber: acc(201),
    acceptedAt: at(6),
    issuer: ACME,
    owners: [BOB],
    purchases: [
      { shares: '1000', price: '20.00' },
      { shares: '10', price: '20.00' },
    ],
  },
  // Between A2 (Nov 3, 15:00) and A1 (Nov 2): after the cursor, so on a later page.
  {
    accessionNumber: acc(202),
    acceptedAt: at(3, 12),
    issuer: BETA,
    owners: [CAROL],
    purchases: [{ shares: '60', price: '7.00' }],
  },
];
const C: BuiltFilingSpec[] = [
  {
    accessionNumber: acc(301),
    acceptedAt: at(7),
    issuer: ACME,
    owners: [ALICE],
    purchases: [{ shares: '5', price: '1.00' }],
  },
  {
    accessionNumber: acc(302),
    acceptedAt: at(8),
    issuer: ACME,
    owners: [CAROL],
    purchases: [{ shares: '7', price: '2.00' }],
  },
];

interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A minimal EventSource: collects events until `until` is satisfied, then disconnects. */
async function readEvents(
  url: string,
  until: (events: SseEvent[]) => boolean,
  headers: Record<string, string> = {},
  timeoutMs = 60000,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const res = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!until(events)) {
      const chunk = (await reader.read()) as { value?: Uint8Array; done: boolean };
      if (chunk.done) {
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'id') {
            e.id = value;
          } else if (field === 'event') {
            e.event = value;
          } else if (field === 'data') {
            e.data += value;
          }
        }
        if (e.data) {
          events.push(e);
        }
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

const rowKey = (e: SseEvent): string => {
  const r = JSON.parse(e.data) as { accessionNumber: string; position: number };
  return `${r.accessionNumber}:${r.position}`;
};

describe('screener and stream over filings loaded by the real pipeline', () => {
  const prefix = randomPrefix('screener');
  let db: { url: string; drop(): Promise<void> };
  let config: Config;
  let pipeline: RunningPipeline;
  let api: RunningApi;
  let loadedRows = 0;

  async function load(filings: BuiltFilingSpec[]): Promise<void> {
    const producer = await createProducer(createKafka(config, testLogger));
    const raw = topicName(config.topicPrefix, 'filingsRaw');
    await producer.send(
      raw,
      filings.map((f) => ({
        key: f.accessionNumber,
        value: Buffer.from(buildOwnershipSubmission(f)),
        headers: rawFilingHeaders({
          accessionNumber: f.accessionNumber,
          formType: '4',
          issuerCik: null,
          acceptedAt: null,
          sourceUrl: 'test://screener',
          fetchedAt: new Date().toISOString(),
          source: 'test',
          body: Buffer.alloc(0),
        }),
      })),
    );
    await producer.disconnect();
    loadedRows += filings.reduce((n, f) => n + (f.purchases?.length ?? 1), 0);
    await waitFor(
      `${loadedRows} rows loaded`,
      async () =>
        (await countRows(db.url, 'transactions')) === loadedRows &&
        (await countRows(db.url, 'filing_owners')) >= filings.length
          ? true
          : undefined,
      120000,
      100,
    );
  }

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api.url}/api/v1/${path}`, { headers });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: await res.text(),
      link: res.headers.get('link'),
    };
  };
  const json = async (path: string) =>
    JSON.parse((await get(path)).text) as Record<string, unknown> & { data: Record<string, unknown>[] };
  const keys = (body: { data: Record<string, unknown>[] }) =>
    body.data.map((r) => `${String(r.accessionNumber)}:${String(r.position)}`);

  beforeAll(async () => {
    db = await createTestDatabase('screener');
    config = testConfig({
      TOPIC_PREFIX: prefix,
      GROUP_PREFIX: prefix,
      DATABASE_URL: db.url,
      REDIS_NAMESPACE: prefix.slice(0, -1),
      CACHE_TTL_SECONDS: '1',
    });
    await createTestTopics(config);
    pipeline = await runStages(config, testLogger, ['parser', 'loader'], { metricsPort: 0 });
    api = await startApi(config, testLogger, createMetrics(), 0);
    await load(A);
  }, 300000);

  afterAll(async () => {
    await api?.close();
    await pipeline?.close();
    await db?.drop();
  });

  it('sorts by value and filters by value, insider CIK and name', async () => {
    const byValue = await json('screener?tickers=ACME,BETA&sort=value');
    expect(keys(byValue)).toEqual([
      `${acc(104)}:0`,
      `${acc(102)}:0`,
      `${acc(103)}:0`,
      `${acc(101)}:0`,
      `${acc(102)}:1`,
    ]);
    expect(byValue.data.map((r) => Number(r.value))).toEqual([4200, 2200, 1500, 1000, 600]);
    expect(byValue.data[0]).toMatchObject({
      ticker: 'ACME',
      issuerName: 'Acme Corp',
      code: 'P',
      transactionDate: '2026-11-05',
      filedDate: '2026-11-05',
      filingDelayDays: 0,
      newPosition: true,
      ownChangePct: null,
    });
    expect((byValue.data[0]!.owners as { cik: string }[]).map((o) => o.cik)).toEqual([CAROL.cik, FUND.cik]);
    expect(keys(await json('screener?tickers=ACME,BETA&sort=value&min_value=1500'))).toEqual([
      `${acc(104)}:0`,
      `${acc(102)}:0`,
      `${acc(103)}:0`,
    ]);
    expect(keys(await json(`screener?insider=${ALICE.cik}`))).toEqual([`${acc(103)}:0`, `${acc(101)}:0`]);
    expect(keys(await json('screener?insider=alice'))).toEqual([`${acc(103)}:0`, `${acc(101)}:0`]);
    expect(keys(await json('screener?tickers=ACME&sort=price&order=asc&max_price=10.50'))).toEqual([
      `${acc(101)}:0`,
      `${acc(104)}:0`,
    ]);
  });

  it('groups by company and by filing, counting a joint filing’s owners once each', async () => {
    const company = await json('screener?tickers=ACME,BETA&group=company&sort=value');
    expect(
      company.data.map((g) => [
        g.key,
        g.filingCount,
        g.tradeCount,
        g.insiderCount,
        Number(g.totalShares),
        Number(g.totalValue),
      ]),
    ).toEqual([
      [ACME.cik, 3, 4, 4, 750, 8000],
      [BETA.cik, 1, 1, 1, 300, 1500],
    ]);
    const filing = await json('screener?tickers=ACME&group=filing&sort=trades');
    expect(filing.data[0]).toMatchObject({
      key: acc(102),
      tradeCount: 2,
      insiderCount: 1,
      totalShares: '250',
    });
  });

  it('streams CSV for format=csv and Accept: text/csv', async () => {
    const csv = await get('screener?tickers=BETA&format=csv');
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['accession_number', 'position', 'accepted_at']);
    expect(lines[1]).toContain(
      `${acc(103)},0,2026-11-04T15:00:00.000Z,2026-11-04,2026-11-04,0,BETA,${BETA.cik},Beta Inc,${ALICE.cik},Alice Able,,P,`,
    );
    const accepted = await get('screener?tickers=BETA', { accept: 'text/csv' });
    expect(accepted.text).toBe(csv.text);
  });

  it('answers 400 for a bad cursor and 404 for an unknown ticker', async () => {
    expect(JSON.parse((await get('screener?tickers=ACME&cursor=bm90LWEtY3Vyc29y')).text)).toEqual({
      error: { code: 'invalid_parameter', message: 'cursor is not one this API issued', parameter: 'cursor' },
    });
    expect((await get('screener?tickers=ZZZZ')).status).toBe(404);
    expect(
      (await get('activity?tickers=' + Array.from({ length: 51 }, (_, i) => `T${i}`).join(','))).status,
    ).toBe(400);
  });

  it('pages over a boundary while new filings load: no row repeated, none skipped', async () => {
    const first = await json('screener?tickers=ACME,BETA&limit=2');
    expect(keys(first)).toEqual([`${acc(104)}:0`, `${acc(103)}:0`]);
    expect(first.hasMore).toBe(true);
    const cursor = String(first.nextCursor);

    // A live client on the stream sees B's ACME rows; B loads while the cursor is held.
    const live = readEvents(`${api.url}/api/v1/stream?tickers=ACME`, (events) => events.length >= 2);
    await new Promise((r) => setTimeout(r, 500));
    await load(B);

    const second = await json(`screener?tickers=ACME,BETA&limit=2&cursor=${encodeURIComponent(cursor)}`);
    expect(keys(second)).toEqual([`${acc(102)}:1`, `${acc(102)}:0`]);
    const third = await json(
      `screener?tickers=ACME,BETA&limit=2&cursor=${encodeURIComponent(String(second.nextCursor))}`,
    );
    expect(keys(third)).toEqual([`${acc(202)}:0`, `${acc(101)}:0`]);
    expect(third.hasMore).toBe(false);
    // A fresh first page shows the newest filing.
    expect(keys(await json('screener?tickers=ACME,BETA&limit=1'))).toEqual([`${acc(201)}:1`]);

    const events = await live;
    expect(events.map(rowKey).sort()).toEqual([`${acc(201)}:0`, `${acc(201)}:1`]);
    expect(events.every((e) => e.event === 'transaction' && /^\d+-\d+:\d+$/.test(e.id ?? ''))).toBe(true);
    const [firstEvent, lastEvent] = [events[0]!, events[1]!];

    // Disconnected, C loads; resuming after the last event gets exactly C.
    await load(C);
    const resumed = await readEvents(`${api.url}/api/v1/stream?tickers=ACME`, (e) => e.length >= 2, {
      'last-event-id': lastEvent.id!,
    });
    // (C's two filings may load in either order: they can sit on different partitions.)
    expect(resumed.map(rowKey).sort()).toEqual([`${acc(301)}:0`, `${acc(302)}:0`]);
    // Resuming after the first event replays the rest of B, then C.
    const fromFirst = await readEvents(`${api.url}/api/v1/stream?tickers=ACME`, (e) => e.length >= 3, {
      'last-event-id': firstEvent.id!,
    });
    expect(fromFirst.map(rowKey)[0]).toBe(rowKey(lastEvent));
    expect(fromFirst.slice(1).map(rowKey).sort()).toEqual([`${acc(301)}:0`, `${acc(302)}:0`]);
    // A resume point older than what the stream keeps says so, then replays what is kept: here
    // every load, filtered (ACME rows worth at least $1,000).
    const fromBefore = await readEvents(
      `${api.url}/api/v1/stream?tickers=ACME&min_value=1000`,
      (e) => e.length >= 5,
      { 'last-event-id': '1-0:0' },
    );
    expect(fromBefore[0]!.event).toBe('gap');
    expect(fromBefore.slice(1).map(rowKey).sort()).toEqual([
      `${acc(101)}:0`,
      `${acc(102)}:0`,
      `${acc(104)}:0`,
      `${acc(201)}:0`,
    ]);
  }, 300000);

  it('activity lists a watchlist in the order asked, unknown tickers apart', async () => {
    const body = JSON.parse((await get('activity?tickers=beta,ZZZZ,ACME&limit=1&days=365')).text) as {
      unknown: string[];
      issuers: { subject: string; issuerCik: string; recent: { accessionNumber: string }[] }[];
    };
    expect(body.unknown).toEqual(['ZZZZ']);
    expect(body.issuers.map((i) => [i.subject, i.issuerCik, i.recent[0]?.accessionNumber])).toEqual([
      ['BETA', BETA.cik, acc(103)],
      ['ACME', ACME.cik, acc(302)],
    ]);
  });
});
