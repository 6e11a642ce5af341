/**
 * A folder with a dissemination (.nc) file and a file that is no submission: the fake serves the
 * first the way EDGAR serves any filing, and skips and reports the second instead of refusing to start.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSubmission } from '../../pipeline/src/stages/crawler/submission-check';
import { parseFiling } from '../../pipeline/src/stages/parser/parse-filing';
import { DISSEMINATION_FIXTURES_DIR, startFakeEdgar } from './index';
import type { FakeEdgar } from './index';
import { parseSubmission } from './submission-file';

const UA = 'Sec Tracker Tests tests@example.com';
const NC = '0009991010-26-000003';
const get = (url: string): Promise<Response> => fetch(url, { headers: { 'User-Agent': UA } });

describe('a dissemination (.nc) file', () => {
  it('is read with its one-line header and documents, and rendered as the full submission EDGAR serves', async () => {
    const nc = await readFile(join(DISSEMINATION_FIXTURES_DIR, `${NC}.nc`), 'latin1');
    const sub = parseSubmission(nc);
    expect(sub).toMatchObject({
      accessionNumber: NC,
      formType: '4',
      periodOfReport: '20260518',
      filedAsOf: '20260519',
      // No ACCEPTANCE-DATETIME in a dissemination file: the end of EDGAR's filing day.
      acceptanceDateTime: '20260519173000',
      reportingOwners: [{ cik: '0009991010', name: 'Kestrel Point Capital LP' }],
      issuer: { cik: '0009990001', name: 'ACME ROBOTICS INC' },
      tradingSymbol: 'ACME',
    });
    expect(sub.documents.map((d) => [d.sequence, d.type, d.filename, d.xml])).toEqual([
      ['1', '4', 'form4.xml', true],
    ]);
    expect(sub.text.startsWith(`<SEC-DOCUMENT>${NC}.txt : 20260519\n`)).toBe(true);
    expect(parseSubmission(sub.text)).toMatchObject({ ...sub, text: sub.text });

    // The rendered text passes the crawler's check and parses to the same rows as the .nc itself.
    expect(checkSubmission(sub.text, NC)).toEqual({
      ok: true,
      formType: '4',
      issuerCik: '0009990001',
      ownerCiks: ['0009991010'],
      acceptedAt: '2026-05-19T21:30:00.000Z',
    });
    const fromNc = parseFiling(nc);
    const fromTxt = parseFiling(sub.text);
    if (!fromNc.ok || !fromTxt.ok) {
      throw new Error('both must parse');
    }
    expect(fromTxt.filing.rows).toEqual(fromNc.filing.rows);
    expect(fromTxt.filing.rows.map((r) => [r.value, r.shares, r.flags])).toEqual([
      ['60000000', null, ['dollar_amount', 'price_on_dollar_amount', 'price_is_total_value']],
    ]);
  });
});

describe('a folder with a file the fake cannot serve', () => {
  let edgar: FakeEdgar;
  beforeAll(async () => {
    edgar = await startFakeEdgar({
      dir: DISSEMINATION_FIXTURES_DIR,
      now: () => new Date('2026-06-01T12:00:00Z'),
    });
  });
  afterAll(async () => {
    await edgar.close();
  });

  it('starts, serves the others, and reports the file with the reason', () => {
    expect(edgar.filings().map((f) => f.accessionNumber)).toEqual([NC]);
    expect(edgar.skipped).toEqual([
      {
        file: '0009991010-26-000004.txt',
        reason: 'not an EDGAR submission file: no <SEC-DOCUMENT>/<SEC-HEADER> (.txt) or <SUBMISSION> (.nc)',
      },
    ]);
  });

  it('lists the .nc filing in the feed and serves its full submission and its XML', async () => {
    const feed = await (
      await get(
        `${edgar.baseUrl}/cgi-bin/browse-edgar?action=getcurrent&type=4&owner=include&output=atom&count=40`,
      )
    ).text();
    expect(feed).toContain(`accession-number=${NC}`);
    expect(feed).toContain('<updated>2026-05-19T17:30:00-04:00</updated>');
    const folder = `${edgar.baseUrl}/Archives/edgar/data/9990001/${NC.replace(/-/g, '')}`;
    const txt = await get(`${folder}/${NC}.txt`);
    expect(txt.status).toBe(200);
    expect(await txt.text()).toBe(edgar.filings()[0]!.text);
    const xml = await get(`${folder}/form4.xml`);
    expect(xml.status).toBe(200);
    expect(await xml.text()).toMatch(
      /^<\?xml version="1.0"\?><ownershipDocument>.*<\/ownershipDocument>\n$/s,
    );
  });
});
