/**
 * Each query the data routes issue, over 200,000 generated transactions, must read `transactions`
 * through an index: a sequential scan of it fails the test (issue 8). The queries are not restated
 * here: the query functions run against a pool that EXPLAINs every statement it is given.
 */
import type pg from 'pg';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { createTestDatabase, testLogger } from '../../pipeline/test/integration/helpers';
import {
  generatedIssuer,
  generatedOwnerCik,
  generateTransactions,
} from '../../devtools/bench/generate-transactions';
import { queryActivity } from '../src/queries/activity';
import { queryClusters } from '../src/queries/clusters';
import { runScreener } from '../src/queries/screener';
import type { ScreenerQuery } from '../src/queries/screener';
import { matchingRows } from '../src/stream/sse';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { generatedAccession } from '../../devtools/bench/generate-transactions';
import { createRoutesApp } from '../src/app';
import { explainingPool } from './explain-plans';
import type { ExplainedQuery } from './explain-plans';

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('query plans over 200,000 generated transactions', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: pg.Pool;
  let explaining: pg.Pool;
  const explained: ExplainedQuery[] = [];
  let current = '';

  beforeAll(async () => {
    db = await createTestDatabase('explain');
    pool = createPool({ databaseUrl: db.url }, testLogger, 2);
    await generateTransactions(pool, 200_000);
    explaining = explainingPool(
      pool,
      (q) => explained.push(q),
      () => current,
    );
  }, 600_000);

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const issuer = generatedIssuer(7);
  const screens: [string, Omit<ScreenerQuery, 'limit'>][] = [
    [
      'screener default',
      {
        filters: { includeDerivative: false, filedFrom: daysAgo(30) },
        group: 'none',
        sort: 'filing_date',
        order: 'desc',
      },
    ],
    [
      'screener purchases by value',
      {
        filters: { includeDerivative: false, filedFrom: daysAgo(30), codes: ['P'], minValue: '100000' },
        group: 'none',
        sort: 'value',
        order: 'desc',
      },
    ],
    [
      'screener trade-date window',
      {
        filters: { includeDerivative: true, tradedFrom: daysAgo(7), tradedTo: daysAgo(0) },
        group: 'none',
        sort: 'trade_date',
        order: 'desc',
      },
    ],
    [
      'screener by ticker',
      {
        filters: { includeDerivative: false, issuerCiks: [issuer.cik] },
        group: 'none',
        sort: 'filing_date',
        order: 'asc',
      },
    ],
    [
      'screener by insider',
      {
        filters: { includeDerivative: false, insiderCiks: [generatedOwnerCik(5)] },
        group: 'none',
        sort: 'price',
        order: 'desc',
      },
    ],
    [
      'screener CEO buys by ownership change',
      {
        filters: {
          includeDerivative: false,
          filedFrom: daysAgo(30),
          roles: ['ceo'],
          minOwnChange: '1',
          plan: 'exclude',
        },
        group: 'none',
        sort: 'own_change',
        order: 'desc',
      },
    ],
    [
      'screener delay and price',
      {
        filters: {
          includeDerivative: false,
          filedFrom: daysAgo(60),
          minDelay: 3,
          minPrice: '10',
          maxPrice: '50',
        },
        group: 'none',
        sort: 'delay',
        order: 'desc',
      },
    ],
    [
      'screener grouped by filing',
      {
        filters: { includeDerivative: false, filedFrom: daysAgo(30), codes: ['P'] },
        group: 'filing',
        sort: 'value',
        order: 'desc',
      },
    ],
    [
      'screener grouped by company',
      {
        filters: { includeDerivative: false, filedFrom: daysAgo(30), codes: ['P', 'S'] },
        group: 'company',
        sort: 'insiders',
        order: 'desc',
      },
    ],
  ];

  it.each(screens)('%s: first and second page use indexes', async (label, q) => {
    current = label;
    const first = await runScreener(explaining, { ...q, limit: 20 });
    expect(first.data.length).toBeGreaterThan(0);
    if (first.nextCursor) {
      await runScreener(explaining, { ...q, limit: 20, cursor: first.nextCursor });
    }
    expectNoSeqScanOfTransactions(label);
  });

  it('activity for a watchlist uses indexes', async () => {
    current = 'activity';
    const out = await queryActivity(explaining, {
      issuerCiks: [1, 2, 3, 4, 5].map((n) => generatedIssuer(n).cik),
      days: 30,
      limit: 10,
      includeDerivative: false,
    });
    expect(out).toHaveLength(5);
    expectNoSeqScanOfTransactions('activity');
  });

  it('clusters with role and value filters never read transactions sequentially', async () => {
    current = 'clusters';
    await queryClusters(explaining, {
      since: daysAgo(90),
      roles: ['director'],
      minInsiders: 2,
      minValue: '1000',
      windowDays: 10,
      limit: 100,
    });
    expectNoSeqScanOfTransactions('clusters');
  });

  it('the stream filters a loaded batch through the primary key', async () => {
    current = 'stream';
    const { rows } = await pool.query<{ a: string; p: number }>(
      'SELECT accession_number AS a, position AS p FROM transactions ORDER BY accepted_at DESC LIMIT 500',
    );
    const matched = await matchingRows(
      explaining,
      { includeDerivative: true, codes: ['P'] },
      {
        id: '1-0',
        rows: rows.map((r) => ({ accessionNumber: r.a, position: r.p })),
      },
    );
    expect(matched.every(({ row }) => row.code === 'P')).toBe(true);
    expectNoSeqScanOfTransactions('stream');
  });

  // Every data route over HTTP (the query API's routes too), as bench:api-queries asks them. The
  // two search routes are left out: they read names (filings, ticker_map, filing_owners) on a
  // client of their own, never transactions.
  const routes: [string, string][] = [
    ['form4 by ticker', `/api/v1/form4/${issuer.ticker}`],
    ['form4 latest', '/api/v1/form4/latest'],
    ['issuer', `/api/v1/issuers/${issuer.ticker}`],
    ['issuer summary', `/api/v1/issuers/${issuer.ticker}/summary`],
    ['insider', `/api/v1/insiders/${generatedOwnerCik(5)}`],
    ['filing', `/api/v1/filings/${generatedAccession(5)}`],
    ['clusters route', '/api/v1/clusters?days=30&min_insiders=3&roles=director'],
    ['screener route', '/api/v1/screener?codes=P&group=company&sort=value'],
    ['activity route', `/api/v1/activity?tickers=${issuer.ticker},GEN8,GEN9`],
  ];
  it.each(routes)(
    'GET %s reads transactions, filings and owners through indexes only',
    async (label, path) => {
      current = label;
      const app = createRoutesApp({
        pool: explaining,
        cache: { getOrCompute: async (_r, compute) => ({ value: await compute(), hit: false }) },
        logger: testLogger,
        metrics: createMetrics(),
      });
      const handle = app.callback();
      const server = http.createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
        expect(res.status).toBe(200);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      // The big tables: transactions, and filings and their owners (a filing's amendment links
      // once read every filing: sql/0014).
      expectNoSeqScanOfTransactions(label, ['transactions', 'filings', 'filing_owners']);
    },
  );

  function expectNoSeqScanOfTransactions(label: string, tables = ['transactions']): void {
    const mine = explained.filter((q) => q.label === label);
    expect(mine.length).toBeGreaterThan(0);
    const offending = mine
      .filter((q) => q.seqScans.some((t) => tables.includes(t)))
      .map((q) => `${q.seqScans.join(',')}: ${q.text}`);
    expect(offending).toEqual([]);
  }
});
