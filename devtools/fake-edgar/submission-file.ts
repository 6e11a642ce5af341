/**
 * Reads an EDGAR full-submission text file (`<accession>.txt`): the `<SEC-HEADER>` block in its
 * "KEY:<tabs>value" form, then one `<DOCUMENT>` per file. Everything the fake EDGAR serves is
 * derived from this, so the feed, the indexes and the archive always agree with the filings.
 */
export interface SubmissionEntity {
  /** Ten digits, zero-padded, as the header writes it. */
  cik: string;
  name: string;
}

export interface SubmissionDocument {
  sequence: string;
  type: string;
  filename: string;
  description: string;
  /** The document body: for XML documents, what was between `<XML>` and `</XML>`. */
  body: string;
}

export interface Submission {
  accessionNumber: string;
  formType: string;
  /** YYYYMMDD, or null for forms without a period (e.g. some prospectuses). */
  periodOfReport: string | null;
  /** YYYYMMDD. */
  filedAsOf: string;
  /** YYYYMMDDhhmmss, US Eastern wall-clock. */
  acceptanceDateTime: string;
  reportingOwners: SubmissionEntity[];
  issuer: SubmissionEntity | null;
  /** FILER blocks: non-ownership forms name their filers this way. */
  filers: SubmissionEntity[];
  documents: SubmissionDocument[];
  /** issuerTradingSymbol of the ownership XML, when there is one. */
  tradingSymbol: string | null;
  text: string;
  sizeBytes: number;
}

export class SubmissionFormatError extends Error {}

type Section = 'top' | 'owner' | 'issuer' | 'filer' | 'other';

const SECTION_OF: Record<string, Section> = {
  'REPORTING-OWNER': 'owner',
  ISSUER: 'issuer',
  FILER: 'filer',
  'SUBJECT COMPANY': 'other',
  'FILED BY': 'other',
};

function parseHeader(header: string): {
  top: Record<string, string>;
  owners: SubmissionEntity[];
  issuer: SubmissionEntity | null;
  filers: SubmissionEntity[];
} {
  const top: Record<string, string> = {};
  const owners: SubmissionEntity[] = [];
  const filers: SubmissionEntity[] = [];
  let issuer: SubmissionEntity | null = null;
  let section: Section = 'top';
  let current: SubmissionEntity | null = null;
  for (const line of header.split(/\r?\n/)) {
    const tag = /^<([A-Z-]+)>(.*)$/.exec(line);
    if (tag) {
      top[tag[1]!] = tag[2]!.trim();
      continue;
    }
    const kv = /^(\t*)([A-Z][A-Z0-9 -]*):\s*(.*)$/.exec(line);
    if (!kv) {
      continue;
    }
    const [, indent, key, value] = kv as unknown as [string, string, string, string];
    if (indent.length === 0) {
      const next = SECTION_OF[key];
      if (next) {
        section = next;
        current = { cik: '', name: '' };
        if (next === 'owner') {
          owners.push(current);
        } else if (next === 'issuer') {
          issuer = current;
        } else if (next === 'filer') {
          filers.push(current);
        }
      } else {
        top[key] = value.trim();
      }
      continue;
    }
    if (section === 'top' || !current) {
      continue;
    }
    if (key === 'COMPANY CONFORMED NAME') {
      current.name = value.trim();
    }
    if (key === 'CENTRAL INDEX KEY') {
      current.cik = value.trim();
    }
  }
  return { top, owners, issuer, filers };
}

function parseDocuments(text: string): SubmissionDocument[] {
  const docs: SubmissionDocument[] = [];
  for (const m of text.matchAll(/<DOCUMENT>\r?\n([\s\S]*?)<\/DOCUMENT>/g)) {
    const block = m[1]!;
    const field = (name: string): string => new RegExp(`^<${name}>(.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
    const textBody = /<TEXT>\r?\n([\s\S]*?)<\/TEXT>/.exec(block)?.[1] ?? '';
    const xml = /^<XML>\r?\n([\s\S]*?)\r?\n?<\/XML>/m.exec(textBody);
    docs.push({
      sequence: field('SEQUENCE'),
      type: field('TYPE'),
      filename: field('FILENAME'),
      description: field('DESCRIPTION'),
      body: xml ? xml[1]! + '\n' : textBody,
    });
  }
  return docs;
}

export function parseSubmission(text: string): Submission {
  const headerMatch = /<SEC-HEADER>[^\n]*\n([\s\S]*?)<\/SEC-HEADER>/.exec(text);
  if (!text.startsWith('<SEC-DOCUMENT>') || !headerMatch) {
    throw new SubmissionFormatError('not an EDGAR full submission: no <SEC-DOCUMENT>/<SEC-HEADER>');
  }
  const { top, owners, issuer, filers } = parseHeader(headerMatch[1]!);
  const accessionNumber = top['ACCESSION NUMBER'] ?? '';
  const formType = top['CONFORMED SUBMISSION TYPE'] ?? '';
  const acceptance = top['ACCEPTANCE-DATETIME'] ?? '';
  const filedAsOf = top['FILED AS OF DATE'] ?? '';
  if (!/^\d{10}-\d{2}-\d{6}$/.test(accessionNumber)) {
    throw new SubmissionFormatError(`bad ACCESSION NUMBER "${accessionNumber}"`);
  }
  if (!/^\d{14}$/.test(acceptance)) {
    throw new SubmissionFormatError(`${accessionNumber}: bad ACCEPTANCE-DATETIME "${acceptance}"`);
  }
  if (!/^\d{8}$/.test(filedAsOf)) {
    throw new SubmissionFormatError(`${accessionNumber}: bad FILED AS OF DATE "${filedAsOf}"`);
  }
  if (formType === '') {
    throw new SubmissionFormatError(`${accessionNumber}: no CONFORMED SUBMISSION TYPE`);
  }
  const documents = parseDocuments(text);
  if (documents.length === 0) {
    throw new SubmissionFormatError(`${accessionNumber}: no <DOCUMENT>`);
  }
  const symbol = /<issuerTradingSymbol>\s*([^<]*?)\s*<\/issuerTradingSymbol>/.exec(documents[0]!.body)?.[1];
  return {
    accessionNumber,
    formType,
    periodOfReport: top['CONFORMED PERIOD OF REPORT'] ?? null,
    filedAsOf,
    acceptanceDateTime: acceptance,
    reportingOwners: owners,
    issuer,
    filers,
    documents,
    tradingSymbol: symbol && symbol.toUpperCase() !== 'NONE' ? symbol.toUpperCase() : null,
    text,
    sizeBytes: Buffer.byteLength(text, 'latin1'),
  };
}

/** `0009990001-26-000004` → `000999000126000004`, the folder name under /Archives/edgar/data/<cik>/. */
export const accessionFolder = (accession: string): string => accession.replace(/-/g, '');

/** `0009990001` → `9990001`: EDGAR drops the zero padding in archive paths and index files. */
export const unpaddedCik = (cik: string): string => cik.replace(/^0+(?=\d)/, '');

/** Every CIK a filing is listed under: its owners, issuer and filers. */
export function entitiesOf(
  sub: Submission,
): { entity: SubmissionEntity; role: 'Reporting' | 'Issuer' | 'Filer' }[] {
  return [
    ...sub.reportingOwners.map((entity) => ({ entity, role: 'Reporting' as const })),
    ...(sub.issuer ? [{ entity: sub.issuer, role: 'Issuer' as const }] : []),
    ...sub.filers.map((entity) => ({ entity, role: 'Filer' as const })),
  ];
}
