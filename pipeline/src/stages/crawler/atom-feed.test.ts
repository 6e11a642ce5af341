import { mergeFeedEntries, parseFeedPage, stopIndex } from './atom-feed';

const entry = (
  form: string,
  name: string,
  cik: string,
  role: string,
  acc: string,
  updated: string,
): string => `<entry>
<title>${form} - ${name} (${cik}) (${role})</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${acc.replace(/-/g, '')}/${acc}-index.htm"/>
<summary type="html">
 &lt;b&gt;Filed:&lt;/b&gt; 2026-03-11 &lt;b&gt;AccNo:&lt;/b&gt; ${acc} &lt;b&gt;Size:&lt;/b&gt; 9 KB
</summary>
<updated>${updated}</updated>
<category scheme="https://www.sec.gov/" label="form type" term="${form}"/>
<id>urn:tag:sec.gov,2008:accession-number=${acc}</id>
</entry>`;

const feed = (...entries: string[]): string =>
  `<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Latest Filings - Wed, 11 Mar 2026 17:30:00 EDT</title>
<updated>2026-03-11T17:30:00-04:00</updated>
${entries.join('\n')}
</feed>`;

describe('parseFeedPage', () => {
  const page = feed(
    entry(
      '4',
      'Lin Robert K.',
      '0009991002',
      'Reporting',
      '0009995001-26-000117',
      '2026-03-11T17:12:04-04:00',
    ),
    entry(
      '4',
      'AT&amp;T (NEW) INC',
      '0009990001',
      'Issuer',
      '0009995001-26-000117',
      '2026-03-11T17:12:04-04:00',
    ),
    entry(
      '424B2',
      'DUNE HARBOR FINANCIAL CORP',
      '0009990004',
      'Filer',
      '0009990004-26-000011',
      '2026-03-11T16:01:02-04:00',
    ),
    entry(
      '4/A',
      'Doe Jane Q',
      '0009991001',
      'Reporting',
      '0009995001-26-000123',
      '2026-03-11T09:45:01-04:00',
    ),
  );

  it('reads every entry with its form, CIK, role, name and acceptance instant', () => {
    const parsed = parseFeedPage(page);
    if (parsed.kind !== 'feed') {
      throw new Error('expected a feed');
    }
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[1]).toEqual({
      accessionNumber: '0009995001-26-000117',
      formType: '4',
      cik: '0009990001',
      name: 'AT&T (NEW) INC',
      role: 'Issuer',
      acceptedAt: '2026-03-11T21:12:04.000Z',
    });
    expect(parsed.entries.map((e) => e.formType)).toEqual(['4', '4', '424B2', '4/A']);
  });

  it('merges the Reporting and Issuer entries of one filing', () => {
    const parsed = parseFeedPage(page);
    if (parsed.kind !== 'feed') {
      throw new Error('expected a feed');
    }
    const merged = mergeFeedEntries(parsed.entries);
    expect(merged).toHaveLength(3);
    expect(merged[0]).toMatchObject({ issuerCik: '0009990001', ciks: ['0009991002', '0009990001'] });
    expect(merged[2]).toMatchObject({ accessionNumber: '0009995001-26-000123', issuerCik: null });
  });

  it('reports an HTML error page (status 200 or not) instead of an empty feed', () => {
    const html =
      '<!DOCTYPE html>\n<html><head><title>SEC.gov | File Unavailable</title></head><body>x</body></html>';
    expect(parseFeedPage(html)).toEqual({
      kind: 'error',
      reason: 'an HTML page: "SEC.gov | File Unavailable"',
    });
    expect(parseFeedPage('')).toMatchObject({ kind: 'error' });
  });

  it('decodes character references and CDATA the way the parser does', () => {
    const parsed = parseFeedPage(
      feed(
        entry(
          '4',
          'Caf&#xE9; &#38; Co',
          '0000000001',
          'Issuer',
          '0000000001-26-000001',
          '2026-03-11T17:00:00-04:00',
        ),
        entry(
          '4',
          '<![CDATA[A&B Holdings]]>',
          '0000000002',
          'Issuer',
          '0000000002-26-000001',
          '2026-03-11T17:00:00-04:00',
        ),
      ),
    );
    expect(parsed.kind === 'feed' && parsed.entries.map((e) => e.name)).toEqual([
      'Café & Co',
      'A&B Holdings',
    ]);
  });

  it('reports a cut-off or malformed page as an error rather than a shorter feed', () => {
    const whole = feed(entry('4', 'A', '0000000001', 'Issuer', '0000000001-26-000001', 'x'));
    expect(parseFeedPage(whole.slice(0, whole.length - 20))).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('TRUNCATED') as unknown,
    });
    expect(parseFeedPage(whole.replace('AccNo:', '&nbsp;'))).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('MALFORMED_XML') as unknown,
    });
    expect(
      parseFeedPage(`<!DOCTYPE feed [<!ENTITY x "y">]>${whole.replace(/^<\?xml[^>]*>/, '')}`),
    ).toMatchObject({
      kind: 'error',
      reason: expect.stringContaining('ENTITY_EXPANSION') as unknown,
    });
  });

  it('reports unreadable entries and keeps the rest', () => {
    const parsed = parseFeedPage(
      feed(
        '<entry><title>garbage</title><id>nope</id></entry>',
        entry('3', 'X', '1', 'Issuer', '0000000001-26-000001', 'bad'),
      ),
    );
    if (parsed.kind !== 'feed') {
      throw new Error('expected a feed');
    }
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.acceptedAt).toBeNull();
  });
});

describe('stopIndex', () => {
  const parsed = parseFeedPage(
    feed(
      entry('4', 'A', '0000000001', 'Issuer', '0000000001-26-000003', '2026-03-11T17:00:03-04:00'),
      entry('4', 'B', '0000000002', 'Issuer', '0000000002-26-000002', '2026-03-11T17:00:02-04:00'),
      entry('4', 'C', '0000000003', 'Issuer', '0000000003-26-000001', '2026-03-11T17:00:01-04:00'),
    ),
  );
  const entries = parsed.kind === 'feed' ? parsed.entries : [];
  it('finds the last-seen accession', () => {
    expect(stopIndex(entries, { accessionNumber: '0000000002-26-000002', acceptedAt: null })).toBe(1);
  });
  it('stops at anything older than the last-seen time even when that filing left the feed', () => {
    expect(stopIndex(entries, { accessionNumber: 'gone', acceptedAt: '2026-03-11T21:00:01.500Z' })).toBe(2);
  });
  it('says the whole page is new when nothing matches, or when there is no cursor', () => {
    expect(stopIndex(entries, { accessionNumber: 'gone', acceptedAt: '2026-03-11T20:00:00Z' })).toBe(-1);
    expect(stopIndex(entries, null)).toBe(-1);
  });
});
