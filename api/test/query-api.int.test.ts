/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- bodies are JSON read loosely here; the server checks each against its declared schema (checkResponses) */
/**
 * The query API over a fixture dataset loaded through the real pipeline: fake EDGAR (the bundled
 * fixtures plus api/test/fixtures) → crawler → Kafka → parser → aggregator → loader → Postgres,
 * then HTTP against the API with every response checked against its declared schema.
 * Expected answers are written by hand from the fixture documents (see their READMEs).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startApi } from '../src/main';
import type { RunningApi } from '../src/main';
import { FIXTURES_DIR, startFakeEdgar } from '../../devtools/fake-edgar';
import type { FakeEdgar } from '../../devtools/fake-edgar';
import { runStages } from '../../pipeline/src/runtime/run-stages';
import type { RunningPipeline } from '../../pipeline/src/runtime/run-stages';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import {
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from '../../pipeline/test/integration/helpers';

const OWN_FIXTURES = path.join(__dirname, 'fixtures');
/** 14 ownership filings among the bundled fixtures (one is a 424B2) + our 2. */
const FILINGS = 16;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('query API over fixtures loaded by the real pipeline', () => {
  let fake: FakeEdgar;
  let db: { url: string; drop(): Promise<void> };
  let pipeline: RunningPipeline;
  let api: RunningApi;

  async function get(route: string): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${api.url}${route}`);
    return { status: res.status, body: (await res.json()) as Json };
  }

  async function ok(route: string): Promise<Json> {
    const { status, body } = await get(route);
    if (status !== 200) {
      throw new Error(`${route} answered ${status}: ${JSON.stringify(body)}`);
    }
    return body;
  }

  const keys = (body: Json): string[] =>
    (body.transactions as Json[]).map((t) => `${t.accessionNumber}#${t.position}`);

  beforeAll(async () => {
    fake = await startFakeEdgar({ dir: FIXTURES_DIR });
    for (const file of readdirSync(OWN_FIXTURES).filter((f) => f.endsWith('.txt'))) {
      fake.addFiling(readFileSync(path.join(OWN_FIXTURES, file), 'utf8'));
    }
    db = await createTestDatabase('queryapi');
    const prefix = randomPrefix('qapi');
    const config = testConfig({
      TOPIC_PREFIX: prefix,
      REDIS_NAMESPACE: prefix,
      SEC_BUDGET_KEY: `${prefix}sec-budget`,
      DATABASE_URL: db.url,
      EDGAR_BASE_URL: fake.baseUrl,
      EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
      SEC_USER_AGENT: 'sec-tracker tests tests@example.com',
      SEC_RATE_LIMIT: '10',
    });
    await createTestTopics(config);
    const metrics = createMetrics({ process: 'query-api-test' });
    pipeline = await runStages(config, testLogger, ['crawler', 'parser', 'aggregator', 'loader'], {
      metrics,
      metricsPort: 0,
    });
    api = await startApi(config, testLogger, metrics, { port: 0, checkResponses: true });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await waitFor(
        'every fixture filing and the aggregates to load',
        async () => {
          const { rows } = await client.query<{ filings: number; days: number; clusters: number }>(
            `SELECT (SELECT count(*)::int FROM filings) AS filings,
                    (SELECT count(*)::int FROM daily_summaries WHERE issuer_cik = '0009990001') AS days,
                    (SELECT count(*)::int FROM insider_summaries WHERE issuer_cik = '0009990006') AS clusters`,
          );
          const r = rows[0]!;
          return r.filings === FILINGS && r.days >= 4 && r.clusters >= 2 ? r : undefined;
        },
        150000,
      );
    } finally {
      await client.end();
    }
  }, 200000);

  afterAll(async () => {
    await api?.close();
    await pipeline?.close();
    await fake?.close();
    await db?.drop();
  }, 60000);

  describe('GET /api/v1/form4/:ticker', () => {
    it('resolves old and new tickers and the CIK to the whole history of a company that changed ticker', async () => {
      const expected = ['0009995001-26-000150#0', '0009995001-25-000140#0'];
      for (const subject of ['TWLN', 'lntn', '9990006']) {
        const body = await ok(`/api/v1/form4/${subject}`);
        expect(body.issuer).toEqual({ cik: '0009990006', name: 'Tidewater Lantern Corp', ticker: 'LNTN' });
        expect(keys(body)).toEqual(expected);
        expect(body.summary).toEqual({
          buys: { count: 1, shares: '1000', value: '20000' },
          sells: { count: 1, shares: '400', value: '10200' },
          netShares: '600',
          netValue: '9800',
        });
      }
      expect((await ok('/api/v1/form4/TWLN')).ticker).toBe('TWLN');
    });

    it('applies the 4/A in place of the rows it corrects and sums open-market P and S', async () => {
      const body = await ok('/api/v1/form4/ACME');
      expect(keys(body)).toEqual([
        '0009995001-26-000196#0',
        '0009995001-26-000196#1',
        '0009995001-26-000117#2',
        '0009995001-26-000117#0',
        '0009995001-26-000117#1',
        '0009995001-26-000123#1',
        '0009995001-26-000123#2',
        '0009995001-26-000123#0',
      ]);
      const corrected = body.transactions.find(
        (t: Json) => t.accessionNumber === '0009995001-26-000123' && t.position === 2,
      );
      expect(Number(corrected.shares)).toBe(2200);
      expect(body.summary).toEqual({
        // 1500.5 × 12.3456 + 800 × 12.4075 + 2200 × 12.39
        buys: { count: 3, shares: '4500.5', value: '55708.5728' },
        // Lin 3100 × 13.2874 + 1900 × 13.5521 + 2500.25 × 13.0190, Patel 2250 × 14.1052
        sells: { count: 4, shares: '9750.25', value: '131227.38475' },
        netShares: '-5249.75',
        netValue: '-75518.81195',
      });
    });

    it('as_of before the 4/A shows the original rows as they were public then', async () => {
      const body = await ok('/api/v1/form4/ACME?as_of=2026-03-11T00:00:00Z');
      expect(keys(body)).toEqual([
        '0009995001-26-000101#1',
        '0009995001-26-000101#2',
        '0009995001-26-000101#0',
      ]);
      expect(body.transactions.map((t: Json) => Number(t.shares))).toEqual([800, 2000, 1500.5]);
      expect(body.summary.buys).toEqual({ count: 3, shares: '4300.5', value: '53232.5728' });
      // Eastern-time acceptance of the 4/A (09:45:01 EDT = 13:45:01Z) is the boundary.
      const justBefore = await ok('/api/v1/form4/ACME?as_of=2026-03-12T09:45:00-04:00&codes=P');
      expect(keys(justBefore)[0]).toBe('0009995001-26-000101#1');
      const justAfter = await ok('/api/v1/form4/ACME?as_of=2026-03-12T09:45:01-04:00&codes=P');
      expect(keys(justAfter)[0]).toBe('0009995001-26-000123#1');
    });

    it('counts a joint filing once and never a derivative P as a buy', async () => {
      const body = await ok('/api/v1/form4/BRLS');
      expect(keys(body)).toEqual([
        '0009990201-26-000004#2',
        '0009990201-26-000004#1',
        '0009990201-26-000004#0',
      ]);
      expect(body.transactions.every((t: Json) => t.reportingOwners.length === 3)).toBe(true);
      // 125000 × 7.8125 + 98500 × 7.9604 + 40000 × 8.02
      const buys = { count: 3, shares: '263500', value: '2081461.9' };
      expect(body.summary.buys).toEqual(buys);
      const withDerivative = await ok('/api/v1/form4/BRLS?include_derivative=true');
      expect(withDerivative.transactions[0]).toMatchObject({
        accessionNumber: '0009995001-26-000188',
        table: 'derivative',
        code: 'P',
        kind: 'derivative_trade',
      });
      expect(withDerivative.summary.buys).toEqual(buys);
    });

    it.each<[string, string[]]>([
      [
        'codes=S',
        [
          '0009995001-26-000196#1',
          '0009995001-26-000117#2',
          '0009995001-26-000117#0',
          '0009995001-26-000117#1',
        ],
      ],
      ['codes=S&exclude_10b5_1=true', ['0009995001-26-000196#1']],
      ['codes=s&hide_planned=1', ['0009995001-26-000196#1']],
      ['role=cfo', ['0009995001-26-000196#0', '0009995001-26-000196#1']],
      [
        'role=ceo,director&codes=S',
        ['0009995001-26-000117#2', '0009995001-26-000117#0', '0009995001-26-000117#1'],
      ],
      ['owner=9991002', ['0009995001-26-000117#2', '0009995001-26-000117#0', '0009995001-26-000117#1']],
      // values: Lin 41190.94 and 32550.75475, Patel M 31250 and S 31736.7
      [
        'min_value=30000',
        [
          '0009995001-26-000196#0',
          '0009995001-26-000196#1',
          '0009995001-26-000117#2',
          '0009995001-26-000117#0',
        ],
      ],
      ['kind=exercise_conversion', ['0009995001-26-000196#0']],
      [
        'kind=exercise_conversion&include_derivative=true',
        ['0009995001-26-000196#0', '0009995001-26-000196#2'],
      ],
      [
        'from=2026-03-03&to=2026-03-09',
        [
          '0009995001-26-000117#0',
          '0009995001-26-000117#1',
          '0009995001-26-000123#1',
          '0009995001-26-000123#2',
        ],
      ],
      ['count=2', ['0009995001-26-000196#0', '0009995001-26-000196#1']],
      ['limit=1&codes=P', ['0009995001-26-000123#1']],
      [
        'days=30&as_of=2026-03-11T00:00:00Z&codes=P',
        ['0009995001-26-000101#1', '0009995001-26-000101#2', '0009995001-26-000101#0'],
      ],
      ['days=1&as_of=2026-03-11T00:00:00Z', []],
    ])('ACME?%s', async (query, expected) => {
      expect(keys(await ok(`/api/v1/form4/ACME?${query}`))).toEqual(expected);
    });

    it('sums an issuer without amendments or copies in Postgres to the same answer', async () => {
      const body = await ok('/api/v1/form4/KGRD?count=3');
      expect(keys(body)).toEqual([
        '0009995001-26-000262#1',
        '0009995001-26-000262#0',
        '0009995001-26-000241#0',
      ]);
      expect(body.total).toBe(9);
      expect(body.summary).toEqual({
        // 5000 × 14.20 + 15000 × 9.8412 + 5000 × 9.9150 + 8000 × 10.10 + 6500 × 10.26 (the grant A and the tax withholding F are neither)
        buys: { count: 5, shares: '39500', value: '415683' },
        // 12000 × 11.4237 + 6000 × 11.58
        sells: { count: 2, shares: '18000', value: '206564.4' },
        netShares: '21500',
        netValue: '209118.6',
      });
      expect(keys(await ok('/api/v1/form4/KGRD?role=director&owner=9991011'))).toEqual([
        '0009995001-26-000231#1',
        '0009995001-26-000231#0',
        '0009995001-25-000058#0',
        '0009995001-25-000058#1',
        '0009995001-23-000311#0',
      ]);
      expect(keys(await ok('/api/v1/form4/KGRD?role=cfo&owner=9991011'))).toEqual([]);
      expect(keys(await ok('/api/v1/form4/KGRD?kind=open_market_purchase&min_value=80000'))).toEqual([
        '0009995001-26-000236#0',
        '0009995001-26-000231#0',
      ]);
    });

    it('reports the number of matching rows apart from the page', async () => {
      const body = await ok('/api/v1/form4/ACME?count=2');
      expect({ count: body.count, total: body.total }).toEqual({ count: 2, total: 8 });
    });

    it.each<[string, number, string, string | null]>([
      ['/api/v1/form4/ACME?from=2026-02-31', 400, 'invalid_parameter', 'from'],
      ['/api/v1/form4/ACME?days=7&from=2026-01-01', 400, 'invalid_parameter', 'days'],
      ['/api/v1/form4/ACME?from=2026-03-02&to=2026-03-01', 400, 'invalid_parameter', 'from'],
      ['/api/v1/form4/ACME?limit=abc', 400, 'invalid_parameter', 'limit'],
      ['/api/v1/form4/ACME?bogus=1', 400, 'unknown_parameter', 'bogus'],
      ['/api/v1/form4/ACME?codes=P&codes=S', 400, 'repeated_parameter', 'codes'],
      ['/api/v1/form4/ACME%3BDROP', 400, 'invalid_parameter', 'ticker'],
      ['/api/v1/form4/ZZZZZ', 404, 'not_found', 'ticker'],
      ['/api/v1/form4/9999999', 404, 'not_found', 'ticker'],
      ['/api/v1/issuers/ZZZZZ/summary', 404, 'not_found', 'issuer'],
      ['/api/v1/insiders/123', 404, 'not_found', 'cik'],
      ['/api/v1/insiders/abc', 400, 'invalid_parameter', 'cik'],
      ['/api/v1/filings/0000000000-00-000000', 404, 'not_found', 'accession'],
      ['/api/v1/filings/nope', 400, 'invalid_parameter', 'accession'],
      ['/api/v1/companies/search', 400, 'invalid_parameter', 'q'],
      ['/api/v1/companies/search?q=ac%00me', 400, 'invalid_parameter', 'q'],
      ['/api/v1/insiders/search?q=' + 'x'.repeat(101), 400, 'invalid_parameter', 'q'],
      ['/api/v1/form4/%E0%A4%A', 400, 'invalid_parameter', 'ticker'],
      ['/api/v1/form4/ACME?as_of=2026-03-01T25:00:00Z', 400, 'invalid_parameter', 'as_of'],
      ['/api/v1/form4/ACME?min_value=999999999999999.999999', 200, '', null],
      ['/api/v1/form4/ACME?from=1900-01-01&to=9999-12-31&as_of=9999-12-31T23:59:59Z', 200, '', null],
      ['/api/v1/issuers/ACME/summary?days=365&as_of_date=0001-01-01', 400, 'invalid_parameter', 'as_of_date'],
      ['/api/v1/issuers/ACME/summary?days=365&as_of_date=1900-01-01', 200, '', null],
      ['/api/v1/form4/ACME?days=3650&to=1900-01-01', 200, '', null],
      ['/api/v1/nothing-here', 404, 'not_found', null],
    ])('%s → %i', async (route, status, code, parameter) => {
      const res = await get(route);
      expect(res.status).toBe(status);
      if (status === 200) {
        return; // extreme but valid input: an answer, never a 500
      }
      expect(res.body.error).toMatchObject({ code, parameter });
      expect(typeof res.body.error.message).toBe('string');
    });
  });

  describe('GET /api/v1/form4/latest', () => {
    it('is not caught by :ticker and lists the newest rows market-wide', async () => {
      const body = await ok('/api/v1/form4/latest?count=3');
      expect(keys(body)).toEqual([
        '0009995001-26-000262#0',
        '0009995001-26-000262#1',
        '0009995001-26-000196#0',
      ]);
      expect(body.transactions[0]).toMatchObject({ issuerTicker: 'KGRD', code: 'S' });
      expect(body.transactions[0].owners).toEqual([
        { cik: '0009991014', name: 'Quist Daniel', roles: ['cfo', 'officer'] },
      ]);
      expect(typeof body.lastLoadedAt).toBe('string');
    });

    it('filters by codes, role and min_amount, leaving derivative rows out', async () => {
      expect(keys(await ok('/api/v1/form4/latest?codes=P&count=2'))).toEqual([
        '0009995001-26-000241#0',
        '0009995001-26-000236#0',
      ]);
      expect(keys(await ok('/api/v1/form4/latest?codes=P&role=ceo&count=5'))).toEqual([
        '0009995001-26-000231#0',
        '0009995001-26-000231#1',
        '0009995001-26-000123#0',
        '0009995001-26-000123#1',
        '0009995001-26-000123#2',
      ]);
      // 8000 × 10.10 = 80800 ≥ 80000; 6500 × 10.26 = 66690 is not
      expect(keys(await ok('/api/v1/form4/latest?codes=P&min_amount=80000&count=2'))).toEqual([
        '0009995001-26-000236#0',
        '0009995001-26-000231#0',
      ]);
    });

    it('counts companies with buys and sells in the window up to the newest acceptance', async () => {
      const month = await ok('/api/v1/form4/latest?days=30&count=1');
      // buys: BRLS (joint filing, 04-15), KGRD; the derivative P of BRLS is no buy. sells: ACME, KGRD
      expect({ buys: month.companiesWithBuys, sells: month.companiesWithSells }).toEqual({
        buys: 2,
        sells: 2,
      });
      expect(month.window.end).toBe('2026-05-14T20:45:33.000Z');
      const week = await ok('/api/v1/form4/latest?days=7&count=1');
      expect({ buys: week.companiesWithBuys, sells: week.companiesWithSells }).toEqual({ buys: 0, sells: 2 });
    });
  });

  describe('issuers', () => {
    it('GET /issuers/:ticker gives name, CIK, ticker history and latest filings', async () => {
      const body = await ok('/api/v1/issuers/twln');
      expect(body.issuer).toEqual({ cik: '0009990006', name: 'Tidewater Lantern Corp', ticker: 'LNTN' });
      expect(body.tickerHistory.map((t: Json) => [t.ticker, t.firstSeen <= '2026-02-12'])).toEqual(
        expect.arrayContaining([
          ['LNTN', true],
          ['TWLN', true],
        ]),
      );
      expect(body.tickerHistory.find((t: Json) => t.ticker === 'TWLN').sources).toContain('filing');
      expect(body.latestFilings.map((f: Json) => [f.accessionNumber, f.issuerTicker])).toEqual([
        ['0009995001-26-000150', 'LNTN'],
        ['0009995001-25-000140', 'TWLN'],
      ]);
      expect(body).toMatchObject({ filingCount: 2, lastTradeDate: '2026-02-10' });
    });

    it('GET /issuers/:ticker/summary: calendar windows ending on as_of_date, per-insider totals', async () => {
      const body = await ok('/api/v1/issuers/ACME/summary?as_of_date=2026-03-31&days=30');
      expect({ asOf: body.asOf, startDate: body.startDate }).toEqual({
        asOf: '2026-03-31',
        startDate: '2026-03-02',
      });
      expect(
        body.daily.map((d: Json) => [
          d.date,
          d.purchases.count,
          d.sales.count,
          Number(d.purchases.value),
          Number(d.sales.value),
        ]),
      ).toEqual([
        ['2026-03-10', 0, 1, 0, 32550.75475],
        ['2026-03-09', 0, 2, 0, 66939.93],
        ['2026-03-03', 2, 0, 37184, 0],
        ['2026-03-02', 1, 0, 18524.5728, 0],
      ]);
      const windows = Object.fromEntries(
        body.rolling.map((w: Json) => [
          w.windowDays,
          [w.startDate, w.purchases.count, w.sales.count, Number(w.netValue)],
        ]),
      );
      expect(windows).toEqual({
        7: ['2026-03-25', 0, 0, 0],
        30: ['2026-03-02', 3, 3, 55708.5728 - 99490.68475],
        90: ['2026-01-01', 3, 3, 55708.5728 - 99490.68475],
      });
      expect(body.insiders.map((i: Json) => [i.ownerCik, i.name, i.purchases.count, i.sales.count])).toEqual([
        ['0009991002', 'Lin Robert K.', 0, 3],
        ['0009991001', 'Doe Jane Q', 3, 0],
      ]);
      // The seed route stays as an alias.
      const alias = await ok('/api/v1/summary/ACME?as_of_date=2026-03-31&days=30');
      expect({ ...alias, ticker: null }).toEqual({ ...body, ticker: null });
      // A window with no activity is zeros, not the last days that had trades.
      const quiet = await ok('/api/v1/issuers/0009990001/summary?as_of_date=2026-04-30&days=7');
      expect(quiet.daily).toEqual([]);
      // 90 days back from 04-30 reach March: 3 purchases and 3 sales.
      expect(quiet.rolling.map((w: Json) => w.purchases.count + w.sales.count)).toEqual([0, 0, 6]);
    });
  });

  it('GET /insiders/:cik: filings and trades across tickers, roles over time', async () => {
    const body = await ok('/api/v1/insiders/9991030');
    expect(body.name).toBe('Okonkwo Chidi');
    expect(body.roles.map((r: Json) => [r.issuerTicker, r.officerTitle, r.roles])).toEqual([
      ['LNTN', 'Chief Executive Officer', ['ceo', 'director', 'officer']],
      // The ticker written on the period's latest filing: the company traded as TWLN then.
      ['TWLN', 'President and Chief Executive Officer', ['ceo', 'president', 'director', 'officer']],
    ]);
    expect(body.transactions.map((t: Json) => [t.issuerTicker, t.code, t.shares])).toEqual([
      ['LNTN', 'S', '400'],
      ['TWLN', 'P', '1000'],
    ]);
    expect(body.filings).toHaveLength(2);
  });

  it('GET /filings/:accession: the whole filing with amendment links both ways', async () => {
    const amendment = await ok('/api/v1/filings/0009995001-26-000123');
    expect(amendment).toMatchObject({
      documentType: '4/A',
      dateOfOriginalSubmission: '2026-03-04',
      remarks: 'See footnote 3.',
      signatures: [{ name: '/s/ Jane Q. Doe', date: '2026-03-12' }],
      issuer: { cik: '0009990001', ticker: 'ACME' },
      amendmentLinks: {
        amends: [{ accessionNumber: '0009995001-26-000101', documentType: '4' }],
        amendedBy: [],
      },
      analyses: [],
    });
    expect(amendment.footnotes.map((f: Json) => f.id)).toEqual(['F1', 'F2', 'F3']);
    expect(amendment.transactions.map((t: Json) => [t.position, t.footnoteIds])).toEqual([
      [0, { transactionPricePerShare: ['F1'] }],
      [1, { transactionPricePerShare: ['F2'] }],
      [2, { transactionShares: ['F3'], transactionPricePerShare: ['F2'] }],
    ]);
    const original = await ok('/api/v1/filings/0009995001-26-000101');
    expect(original.amendmentLinks).toEqual({
      amends: [],
      amendedBy: [
        {
          accessionNumber: '0009995001-26-000123',
          documentType: '4/A',
          acceptedAt: '2026-03-12T13:45:01.000Z',
        },
      ],
    });
    const joint = await ok('/api/v1/filings/0009990201-26-000004');
    expect(joint.reportingOwners.map((o: Json) => o.cik)).toEqual(['0009990202', '0009990201', '0009990203']);
  });

  describe('search', () => {
    it.each<[string, string]>([
      ['ac', '0009990001'],
      ['ACME', '0009990001'],
      ['acme robotics', '0009990001'],
      ['robotcs', '0009990001'],
      ['twln', '0009990006'],
      ['lantern', '0009990006'],
      ['tidewatr lantrn', '0009990006'],
      ['9990002', '0009990002'],
    ])('companies q=%s → %s first', async (q, cik) => {
      const body = await ok(`/api/v1/companies/search?q=${encodeURIComponent(q)}`);
      expect(body.results[0]?.cik).toBe(cik);
    });

    it('ranks an exact ticker above a prefix and tells which ticker matched', async () => {
      const body = await ok('/api/v1/companies/search?q=TWLN');
      expect(body.results[0]).toMatchObject({
        cik: '0009990006',
        ticker: 'LNTN',
        matchedTicker: 'TWLN',
        score: 1,
      });
    });

    it.each<[string, string]>([
      ['jane doe', '0009991001'],
      ['doe', '0009991001'],
      ['okonkwo', '0009991030'],
      ['nakamra', '0009991004'],
      ['9991012', '0009991012'],
    ])('insiders q=%s → %s first', async (q, cik) => {
      const body = await ok(`/api/v1/insiders/search?q=${encodeURIComponent(q)}`);
      expect(body.results[0]?.cik).toBe(cik);
    });
  });

  it('serves /openapi.json listing every route, and /docs with local assets', async () => {
    const doc = await ok('/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/form4/latest',
        '/api/v1/form4/{ticker}',
        '/api/v1/filings/{accession}',
      ]),
    );
    const page = await fetch(`${api.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const bundle = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
