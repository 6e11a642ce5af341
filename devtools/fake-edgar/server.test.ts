import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { FIXTURES_DIR, buildOwnershipSubmission, startFakeEdgar } from './index';
import type { FakeEdgar } from './index';

const UA = 'Sec Tracker Tests tests@example.com';
const get = (url: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { headers: { 'User-Agent': UA, ...headers } });

interface Entry {
  title: string;
  link: { '@_href': string };
  updated: string;
  category: { '@_term': string };
  id: string;
  summary: { '#text': string };
}

function parseFeed(xml: string): Entry[] {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml) as {
    feed: { entry?: Entry[] };
  };
  return doc.feed.entry ?? [];
}

const accessionOf = (e: Entry): string => /accession-number=(\S+)$/.exec(e.id)![1]!;
const feedUrl = (edgar: FakeEdgar, q: string): string =>
  `${edgar.baseUrl}/cgi-bin/browse-edgar?action=getcurrent&company=&dateb=&owner=include&output=atom&${q}`;

let edgar: FakeEdgar;
beforeEach(async () => {
  edgar = await startFakeEdgar({ dir: FIXTURES_DIR, now: () => new Date('2026-06-01T12:00:00Z') });
});
afterEach(async () => {
  await edgar.close();
});

describe('getcurrent Atom feed', () => {
  it('lists each ownership filing once per reporting owner and once as issuer, newest first', async () => {
    const res = await get(feedUrl(edgar, 'type=4&start=0&count=100'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const entries = parseFeed(await res.text());
    const joint = entries.filter((e) => accessionOf(e) === '0009990201-26-000004');
    expect(joint.map((e) => /\((Reporting|Issuer)\)$/.exec(e.title)![1])).toEqual([
      'Reporting',
      'Reporting',
      'Reporting',
      'Issuer',
    ]);
    for (const e of entries) {
      expect(e.title).toMatch(/^[\w/-]+ - .+ \(\d{10}\) \((Reporting|Issuer|Filer)\)$/);
      expect(e.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/);
      expect(e.summary['#text']).toContain(`AccNo:</b> ${accessionOf(e)}`);
    }
    const times = entries.map((e) => Date.parse(e.updated));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('treats type as a prefix filter (4 matches 4/A and 424B2, 3 matches only Form 3)', async () => {
    const four = parseFeed(await (await get(feedUrl(edgar, 'type=4&count=100'))).text());
    const forms = new Set(four.map((e) => e.category['@_term']));
    expect(forms).toEqual(new Set(['4', '4/A', '424B2']));
    const three = parseFeed(await (await get(feedUrl(edgar, 'type=3&count=100'))).text());
    expect(new Set(three.map((e) => e.category['@_term']))).toEqual(new Set(['3']));
  });

  it('writes EST and EDT offsets from the acceptance time', async () => {
    const entries = parseFeed(await (await get(feedUrl(edgar, 'type=4&count=100'))).text());
    const updated = (acc: string): string => entries.find((e) => accessionOf(e) === acc)!.updated;
    expect(updated('0009995001-26-000101')).toBe('2026-03-04T16:35:12-05:00');
    expect(updated('0009995001-26-000117')).toBe('2026-03-11T17:12:04-04:00');
  });

  it('pages over entries with start and count, and fails with HTML past the depth limit', async () => {
    const all = parseFeed(await (await get(feedUrl(edgar, 'type=4&count=100'))).text());
    const p1 = parseFeed(await (await get(feedUrl(edgar, 'type=4&start=0&count=10'))).text());
    const p2 = parseFeed(await (await get(feedUrl(edgar, 'type=4&start=10&count=10'))).text());
    expect([...p1, ...p2].map((e) => e.title)).toEqual(all.slice(0, 20).map((e) => e.title));
    await edgar.close();
    edgar = await startFakeEdgar({ dir: FIXTURES_DIR, feedDepthLimit: 20 });
    const deep = await get(feedUrl(edgar, 'type=4&start=20&count=10'));
    expect(deep.status).toBe(503);
    expect(await deep.text()).toContain('<title>SEC.gov | File Unavailable</title>');
  });

  it('links every entry to a filing index that exists under that CIK', async () => {
    const entries = parseFeed(await (await get(feedUrl(edgar, 'type=5&count=100'))).text());
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      const res = await get(e.link['@_href']);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`${accessionOf(e)}.txt`);
    }
  });

  it('shows filings added at runtime and hides filings accepted after its clock', async () => {
    const acc = edgar.addFiling(
      buildOwnershipSubmission({
        accessionNumber: '0009998001-26-000001',
        acceptedAt: new Date('2026-05-29T14:00:00Z'),
        issuer: { cik: '0009990001', name: 'Acme Robotics Inc', ticker: 'ACME' },
        owners: [{ cik: '0009991001', name: 'Doe Jane Q' }],
      }),
    );
    edgar.addFiling(
      buildOwnershipSubmission({
        accessionNumber: '0009998001-26-000002',
        acceptedAt: new Date('2026-06-02T14:00:00Z'),
        issuer: { cik: '0009990001', name: 'Acme Robotics Inc', ticker: 'ACME' },
        owners: [{ cik: '0009991001', name: 'Doe Jane Q' }],
      }),
    );
    const entries = parseFeed(await (await get(feedUrl(edgar, 'type=4&count=10'))).text());
    expect(accessionOf(entries[0]!)).toBe(acc);
    expect(entries.some((e) => accessionOf(e) === '0009998001-26-000002')).toBe(false);
  });
});

describe('archives', () => {
  const acc = '0009995001-26-000117';
  const folder = '/Archives/edgar/data/9990001/000999500126000117';

  it('serves the full submission byte for byte, and its documents', async () => {
    const original = await readFile(join(FIXTURES_DIR, `${acc}.txt`), 'latin1');
    const txt = await get(`${edgar.baseUrl}${folder}/${acc}.txt`);
    expect(txt.status).toBe(200);
    expect(await txt.text()).toBe(original);
    const xml = await (await get(`${edgar.baseUrl}${folder}/wk-form4_1773263524.xml`)).text();
    expect(xml.startsWith('<?xml version="1.0"?>\n<ownershipDocument>')).toBe(true);
    expect(xml.trimEnd().endsWith('</ownershipDocument>')).toBe(true);
  });

  it('lists the documents in the filing index page', async () => {
    const html = await (await get(`${edgar.baseUrl}${folder}/${acc}-index.htm`)).text();
    expect(html).toContain(`${folder}/wk-form4_1773263524.xml`);
    expect(html).toContain(`${folder}/xslF345X05/wk-form4_1773263524.xml`);
    expect(html).toContain(`${folder}/poa-lin.htm`);
    expect(html).toContain('Complete submission text file');
    expect(html).toContain('<div class="info">2026-03-11 17:12:04</div>');
    expect(html).toMatch(/Lin Robert K\. \(Reporting\)/);
    expect(html).toMatch(/ACME ROBOTICS INC \(Issuer\)/);
  });

  it('answers AccessDenied XML for a CIK the filing does not name or an unknown accession', async () => {
    const wrongCik = await get(`${edgar.baseUrl}/Archives/edgar/data/9990002/000999500126000117/${acc}.txt`);
    expect(wrongCik.status).toBe(403);
    expect(await wrongCik.text()).toContain('<Code>AccessDenied</Code>');
    const unknown = await get(`${edgar.baseUrl}/Archives/edgar/data/9990001/000999500126999999/x.txt`);
    expect(unknown.status).toBe(403);
  });
});
