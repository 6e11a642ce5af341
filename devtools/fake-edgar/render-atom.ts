/**
 * The getcurrent Atom feed (`/cgi-bin/browse-edgar?action=getcurrent&…&output=atom`) as EDGAR
 * writes it. Quirks kept on purpose, because the crawler must cope with them:
 * - `type` is a prefix filter: type=4 also returns 4/A, and 424B2, 425, 485BPOS, 497…
 * - an ownership filing appears once per reporting owner "(Reporting)" and once "(Issuer)",
 *   each linking to the filing index under that entity's CIK;
 * - start/count page over entries, not filings.
 */
import { formatEasternIso } from '../../pipeline/src/shared/eastern-time';
import type { StoredFiling } from './filing-store';
import { accessionFolder, entitiesOf, unpaddedCik } from './submission-file';

export interface AtomQuery {
  type: string;
  /** include (default), exclude (no ownership forms) or only (only ownership forms). */
  owner: string;
  start: number;
  count: number;
}

const OWNERSHIP_FORM = /^[345](\/A)?$/;

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface AtomEntry {
  filing: StoredFiling;
  cik: string;
  name: string;
  role: string;
}

/** Entries in feed order for a query, before paging. */
export function feedEntries(
  filings: readonly StoredFiling[],
  q: Pick<AtomQuery, 'type' | 'owner'>,
): AtomEntry[] {
  const prefix = q.type.trim().toUpperCase();
  const out: AtomEntry[] = [];
  for (const filing of filings) {
    if (!filing.formType.toUpperCase().startsWith(prefix)) {
      continue;
    }
    const ownership = OWNERSHIP_FORM.test(filing.formType);
    if (q.owner === 'exclude' && ownership) {
      continue;
    }
    if (q.owner === 'only' && !ownership) {
      continue;
    }
    for (const { entity, role } of entitiesOf(filing)) {
      out.push({ filing, cik: entity.cik, name: entity.name, role });
    }
  }
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Fri, 12 Dec 2025 18:03:57 EST` from `2025-12-12T18:03:57-05:00`. */
function feedTitleTime(iso: string): string {
  const [date, rest] = iso.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  const zone = rest.endsWith('-04:00') ? 'EDT' : 'EST';
  return `${weekday}, ${String(d).padStart(2, '0')} ${MONTHS[m - 1]!} ${y} ${rest.slice(0, 8)} ${zone}`;
}

function renderEntry(e: AtomEntry, baseUrl: string): string {
  const f = e.filing;
  const folder = accessionFolder(f.accessionNumber);
  const href = `${baseUrl}/Archives/edgar/data/${unpaddedCik(e.cik)}/${folder}/${f.accessionNumber}-index.htm`;
  const filed = `${f.filedAsOf.slice(0, 4)}-${f.filedAsOf.slice(4, 6)}-${f.filedAsOf.slice(6, 8)}`;
  const kb = Math.max(1, Math.round(f.sizeBytes / 1024));
  return [
    '<entry>',
    `<title>${escapeXml(`${f.formType} - ${e.name} (${e.cik}) (${e.role})`)}</title>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`,
    '<summary type="html">',
    ` &lt;b&gt;Filed:&lt;/b&gt; ${filed} &lt;b&gt;AccNo:&lt;/b&gt; ${f.accessionNumber} &lt;b&gt;Size:&lt;/b&gt; ${kb} KB`,
    '</summary>',
    `<updated>${formatEasternIso(f.acceptedAt)}</updated>`,
    `<category scheme="https://www.sec.gov/" label="form type" term="${escapeXml(f.formType)}"/>`,
    `<id>urn:tag:sec.gov,2008:accession-number=${f.accessionNumber}</id>`,
    '</entry>',
  ].join('\n');
}

export function renderAtomFeed(entries: AtomEntry[], q: AtomQuery, baseUrl: string, now: Date): string {
  const page = entries.slice(q.start, q.start + q.count);
  const nowIso = formatEasternIso(now);
  const head = [
    '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>Latest Filings - ${feedTitleTime(nowIso)}</title>`,
    '<link rel="alternate" href="/cgi-bin/browse-edgar?action=getcurrent"/>',
    '<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>',
    `<id>${escapeXml(baseUrl)}/cgi-bin/browse-edgar?action=getcurrent</id>`,
    '<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>',
    `<updated>${nowIso}</updated>`,
  ];
  return [...head, ...page.map((e) => renderEntry(e, baseUrl)), '</feed>'].join('\n') + '\n';
}
