import { FIXTURES_DIR, startFakeEdgar } from './index';
import type { FakeEdgar } from './index';

const UA = 'Sec Tracker Tests tests@example.com';
const get = (url: string): Promise<Response> => fetch(url, { headers: { 'User-Agent': UA } });

let edgar: FakeEdgar;
let now = new Date('2026-06-01T12:00:00Z');
beforeEach(async () => {
  now = new Date('2026-06-01T12:00:00Z');
  edgar = await startFakeEdgar({
    dir: FIXTURES_DIR,
    now: () => now,
    submissionsRecentLimit: 2,
    submissionsPageSize: 2,
  });
});
afterEach(async () => {
  await edgar.close();
});

/** Splits a fixed-width row the way a reader would: form, name, CIK, date, file from the right. */
function splitFixed(line: string): string[] {
  const m = /^(.+?)\s{2,}(.+?)\s+(\d+)\s+(\d{4}-?\d{2}-?\d{2})\s+(\S+)\s*$/.exec(line);
  return m ? m.slice(1) : [];
}

describe('daily index', () => {
  it('form.YYYYMMDD.idx has a row per CIK named in each filing of the day, sorted by form type', async () => {
    const res = await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR2/form.20260507.idx`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\n');
    expect(lines[0]).toBe('Description:           Daily Index of EDGAR Dissemination Feed by Form Type');
    expect(lines[1]).toBe('Last Data Received:    May  7, 2026');
    const dashes = lines.findIndex((l) => /^-{100,}$/.test(l));
    expect(lines[dashes - 1]).toMatch(/^Form Type {3}Company Name {50}CIK {9}Date Filed {2}File Name$/);
    const rows = lines.slice(dashes + 1).filter((l) => l.trim() !== '');
    // 424B2 (one filer) then the ACME Form 4 (owner + issuer).
    expect(rows.map(splitFixed)).toEqual([
      ['4', 'ACME ROBOTICS INC', '9990001', '20260507', 'edgar/data/9990001/0009995001-26-000196.txt'],
      ['4', 'Patel Priya', '9991003', '20260507', 'edgar/data/9991003/0009995001-26-000196.txt'],
      [
        '424B2',
        'DUNE HARBOR FINANCIAL CORP',
        '9990004',
        '20260507',
        'edgar/data/9990004/0009990004-26-000011.txt',
      ],
    ]);
    for (const r of rows) {
      expect(r).toHaveLength(150);
    }
    expect(rows[0]!.indexOf('9990001')).toBe(74);
    expect(rows[0]!.indexOf('20260507')).toBe(86);
  });

  it('lets a company name longer than its column push the other columns right', async () => {
    const text = await (
      await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR2/form.20260415.idx`)
    ).text();
    const long = text.split('\n').find((l) => l.includes('Opportunistic Credit LP'))!;
    expect(long.indexOf('9990202')).toBeGreaterThan(74);
    expect(splitFixed(long)[1]).toBe('Harborview Capital Partners Master Fund II Opportunistic Credit LP');
  });

  it('master.YYYYMMDD.idx is pipe-delimited and sorted by CIK as text', async () => {
    const text = await (
      await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR1/master.20260217.idx`)
    ).text();
    const lines = text.split('\n');
    const header = lines.indexOf('CIK|Company Name|Form Type|Date Filed|File Name');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('-'.repeat(80));
    const rows = lines.slice(header + 2).filter((l) => l !== '');
    expect(rows).toEqual([
      '9990003|COBALT RIDGE MINING CO \\NV\\|3|20260217|edgar/data/9990003/0009995001-26-000042.txt',
      '9991005|Okafor Adaeze|3|20260217|edgar/data/9991005/0009995001-26-000042.txt',
    ]);
  });

  it('is published at 22:00 Eastern on business days only', async () => {
    now = new Date('2026-05-07T21:59:00-04:00');
    const early = await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR2/form.20260507.idx`);
    expect(early.status).toBe(403);
    expect(await early.text()).toContain('<Code>AccessDenied</Code>');
    now = new Date('2026-05-07T22:00:00-04:00');
    expect(
      (await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR2/form.20260507.idx`)).status,
    ).toBe(200);
    const saturday = await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR2/form.20260509.idx`);
    expect(saturday.status).toBe(403);
    const wrongQuarter = await get(`${edgar.baseUrl}/Archives/edgar/daily-index/2026/QTR1/form.20260507.idx`);
    expect(wrongQuarter.status).toBe(403);
  });

  it('full-index form.idx covers the quarter with YYYY-MM-DD dates', async () => {
    const text = await (await get(`${edgar.baseUrl}/Archives/edgar/full-index/2026/QTR1/form.idx`)).text();
    expect(text).toContain('Last Data Received:    March 31, 2026');
    const rows = text.split('\n').filter((l) => /edgar\/data\//.test(l));
    const accessions = new Set(rows.map((r) => /(\d{10}-\d{2}-\d{6})\.txt/.exec(r)![1]));
    expect(accessions).toEqual(
      new Set([
        '0009995001-26-000042',
        '0009995001-26-000077',
        '0009995001-26-000101',
        '0009995001-26-000117',
        '0009995001-26-000123',
      ]),
    );
    expect(rows.every((r) => / 2026-0[1-3]-\d\d {2}edgar/.test(r))).toBe(true);
    expect((await get(`${edgar.baseUrl}/Archives/edgar/full-index/2026/QTR4/form.idx`)).status).toBe(403);
  });
});

describe('data.sec.gov submissions and company tickers', () => {
  it('lists an issuer filings newest first and moves older ones to pages', async () => {
    const res = await get(`${edgar.dataBaseUrl}/submissions/CIK0009990001.json`);
    expect(res.status).toBe(200);
    const main = (await res.json()) as {
      cik: string;
      tickers: string[];
      filings: {
        recent: { accessionNumber: string[]; form: string[]; acceptanceDateTime: string[] };
        files: { name: string; filingCount: number }[];
      };
    };
    expect(main.cik).toBe('0009990001');
    expect(main.tickers).toEqual(['ACME']);
    expect(main.filings.recent.accessionNumber).toEqual(['0009995001-26-000196', '0009995001-26-000123']);
    expect(main.filings.recent.acceptanceDateTime[0]).toBe('2026-05-07T19:04:47.000Z');
    expect(main.filings.files).toEqual([
      {
        name: 'CIK0009990001-submissions-001.json',
        filingCount: 2,
        filingFrom: '2026-03-04',
        filingTo: '2026-03-11',
      },
    ]);
    const page = (await (
      await get(`${edgar.dataBaseUrl}/submissions/CIK0009990001-submissions-001.json`)
    ).json()) as {
      accessionNumber: string[];
    };
    expect(page.accessionNumber).toEqual(['0009995001-26-000117', '0009995001-26-000101']);
  });

  it('lists a filing under its reporting owners too, and 404s unknown CIKs and the www base', async () => {
    const owner = (await (await get(`${edgar.dataBaseUrl}/submissions/CIK0009990203.json`)).json()) as {
      filings: { recent: { accessionNumber: string[] } };
    };
    expect(owner.filings.recent.accessionNumber).toEqual(['0009990201-26-000004']);
    expect((await get(`${edgar.dataBaseUrl}/submissions/CIK0000000001.json`)).status).toBe(404);
    expect((await get(`${edgar.baseUrl}/submissions/CIK0009990001.json`)).status).toBe(404);
  });

  it('serves company_tickers.json from the filings, and an override', async () => {
    const tickers = (await (await get(`${edgar.baseUrl}/files/company_tickers.json`)).json()) as Record<
      string,
      { cik_str: number; ticker: string; title: string }
    >;
    expect(Object.values(tickers)).toEqual(
      expect.arrayContaining([
        { cik_str: 9990001, ticker: 'ACME', title: 'ACME ROBOTICS INC' },
        { cik_str: 9990002, ticker: 'BRLS', title: 'BOREALIS BIOWORKS CORP' },
        { cik_str: 9990003, ticker: 'CBRM', title: 'COBALT RIDGE MINING CO \\NV\\' },
      ]),
    );
    edgar.setTickers([{ cik: 9990002, ticker: 'ACME', title: 'BOREALIS BIOWORKS CORP' }]);
    const moved = (await (await get(`${edgar.baseUrl}/files/company_tickers.json`)).json()) as object;
    expect(moved).toEqual({ '0': { cik_str: 9990002, ticker: 'ACME', title: 'BOREALIS BIOWORKS CORP' } });
  });
});
