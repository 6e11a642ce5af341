/**
 * Reads a page of EDGAR's getcurrent Atom feed into one record per filing. The feed lists an
 * ownership filing once per reporting owner "(Reporting)" and once "(Issuer)"; merging them gives
 * the issuer CIK before anything is fetched. A page that is an HTML error (EDGAR's answer past
 * the paging depth, sometimes with status 200) is reported as such, not as an empty page.
 *
 * The page is read with the parser's strict XML reader, so entities are decoded once, by the same
 * rules as in ownership documents (predefined entities and character references, no DTD).
 */
import { ParseFailure } from '../parser/errors';
import { readXml, type XmlElement } from '../parser/xml-reader';
import { isAccession, padCik } from './accession';

export interface FeedEntry {
  accessionNumber: string;
  formType: string;
  cik: string;
  name: string;
  role: string;
  /** ISO instant, from `<updated>` with its offset. */
  acceptedAt: string | null;
}

export interface FeedFiling {
  accessionNumber: string;
  formType: string;
  issuerCik: string | null;
  /** Every CIK the feed named for it; any of them works as the archive folder. */
  ciks: string[];
  acceptedAt: string | null;
}

export type FeedPage =
  { kind: 'feed'; entries: FeedEntry[]; problems: string[] } | { kind: 'error'; reason: string };

/** `4 - Hinge Health, Inc. (0001673743) (Issuer)` → parts; names may themselves contain parentheses. */
const TITLE = /^(.+?) - (.*) \((\d{1,10})\) \(([^)]+)\)\s*$/;

const childText = (parent: XmlElement, name: string): string | undefined =>
  parent.children.find((c) => c.name === name)?.text;

export function parseFeedPage(body: string): FeedPage {
  const head = body.slice(0, 2000).trimStart();
  if (!/<feed[\s>]/.test(body)) {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    const kind = /^<!DOCTYPE html|^<html/i.test(head) ? 'an HTML page' : 'not an Atom feed';
    return { kind: 'error', reason: `${kind}${title ? `: "${title}"` : ''}` };
  }
  let root: XmlElement;
  try {
    root = readXml(body);
  } catch (err) {
    // A cut-off or garbled page is a failed fetch, not a shorter feed: entries past the damage
    // would be silently missed.
    if (err instanceof ParseFailure) {
      return { kind: 'error', reason: `not well-formed XML (${err.code}): ${err.message}` };
    }
    throw err;
  }
  if (root.name !== 'feed') {
    return { kind: 'error', reason: `not an Atom feed: the root element is <${root.name}>` };
  }
  const entries: FeedEntry[] = [];
  const problems: string[] = [];
  for (const block of root.children) {
    if (block.name !== 'entry') {
      continue;
    }
    const title = (childText(block, 'title') ?? '').trim();
    const id = childText(block, 'id') ?? '';
    const accession = /accession-number=(\d{10}-\d{2}-\d{6})/.exec(id)?.[1];
    const t = TITLE.exec(title);
    const term = block.children.find((c) => c.name === 'category')?.attrs?.get('term');
    if (!accession || !isAccession(accession) || !t) {
      problems.push(`unreadable entry: title "${title.slice(0, 120)}", id "${id.trim()}"`);
      continue;
    }
    const instant = Date.parse(childText(block, 'updated')?.trim() ?? '');
    entries.push({
      accessionNumber: accession,
      formType: (term ?? t[1]!).trim(),
      cik: padCik(t[3]!)!,
      name: t[2]!,
      role: t[4]!,
      acceptedAt: Number.isNaN(instant) ? null : new Date(instant).toISOString(),
    });
  }
  return { kind: 'feed', entries, problems };
}

/** One record per accession, in first-seen order, with the issuer CIK when an Issuer entry named it. */
export function mergeFeedEntries(entries: readonly FeedEntry[]): FeedFiling[] {
  const byAccession = new Map<string, FeedFiling>();
  for (const e of entries) {
    let f = byAccession.get(e.accessionNumber);
    if (!f) {
      f = {
        accessionNumber: e.accessionNumber,
        formType: e.formType,
        issuerCik: null,
        ciks: [],
        acceptedAt: e.acceptedAt,
      };
      byAccession.set(e.accessionNumber, f);
    }
    if (!f.ciks.includes(e.cik)) {
      f.ciks.push(e.cik);
    }
    if (e.role === 'Issuer') {
      f.issuerCik = e.cik;
    }
  }
  return [...byAccession.values()];
}

export interface LastSeen {
  accessionNumber: string;
  acceptedAt: string | null;
}

/**
 * Where a page meets what the previous poll already saw: the index of the first entry that is the
 * last-seen accession or older than it, or -1 when the whole page is new. Comparing times as well
 * as the accession matters because the last-seen filing can leave the feed (e.g. a withdrawn
 * filing), and the crawl must still stop.
 */
export function stopIndex(entries: readonly FeedEntry[], last: LastSeen | null): number {
  if (!last) {
    return -1;
  }
  const lastTime = last.acceptedAt ? Date.parse(last.acceptedAt) : NaN;
  return entries.findIndex(
    (e) =>
      e.accessionNumber === last.accessionNumber ||
      (!Number.isNaN(lastTime) && e.acceptedAt !== null && Date.parse(e.acceptedAt) < lastTime),
  );
}
