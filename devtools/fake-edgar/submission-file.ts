/**
 * Reads an EDGAR submission file: a full submission (`<accession>.txt`: `<SEC-HEADER>`, then one
 * `<DOCUMENT>` per file) or the same filing as a dissemination file (`.nc`: `<SUBMISSION>` with a
 * tag-per-field header, often on one line). The header is read by the project's one SGML header
 * reader (records/sgml-header.ts). Everything the fake EDGAR serves is derived from this, so the
 * feed, the indexes and the archive always agree with the filings.
 */
import { accessionFolder, unpadCik } from '../../pipeline/src/records/edgar-ids';
import { readSgmlHeader } from '../../pipeline/src/records/sgml-header';
import type { HeaderEntity } from '../../pipeline/src/records/sgml-header';
import { renderFullSubmission } from './full-submission-text';

export { accessionFolder, unpadCik as unpaddedCik };

/** A CIK (ten digits, zero-padded) and the conformed name of an owner, issuer or filer. */
export type SubmissionEntity = HeaderEntity;

export interface SubmissionDocument {
  sequence: string;
  type: string;
  filename: string;
  description: string;
  /** Whether the body sat between `<XML>` and `</XML>`. */
  xml: boolean;
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
  /** The full submission text EDGAR serves at `<accession>.txt` (rendered for a `.nc` file). */
  text: string;
  sizeBytes: number;
}

export class SubmissionFormatError extends Error {}

/**
 * Dissemination files carry no ACCEPTANCE-DATETIME, and the fake needs one to place the filing in
 * its feed: such a filing counts as accepted at 17:30 Eastern on its FILING-DATE, the end of
 * EDGAR's filing day, and its rendered `.txt` says so.
 */
export const DISSEMINATION_ACCEPTANCE_TIME = '173000';

/** A document field's value: up to the next tag or line break (`.nc` puts them all on one line). */
function documentField(head: string, name: string): string {
  return new RegExp(`<${name}>([^<\r\n]*)`).exec(head)?.[1]?.trim() ?? '';
}

function parseDocuments(text: string): SubmissionDocument[] {
  const docs: SubmissionDocument[] = [];
  for (const m of text.matchAll(/<DOCUMENT>\r?\n?([\s\S]*?)<\/DOCUMENT>/g)) {
    const block = m[1]!;
    const textAt = block.indexOf('<TEXT>');
    const head = textAt < 0 ? block : block.slice(0, textAt);
    const textBody = /<TEXT>\r?\n?([\s\S]*?)<\/TEXT>/.exec(block)?.[1] ?? '';
    const xml = /^<XML>\r?\n?([\s\S]*?)\r?\n?<\/XML>/m.exec(textBody);
    docs.push({
      sequence: documentField(head, 'SEQUENCE'),
      type: documentField(head, 'TYPE'),
      filename: documentField(head, 'FILENAME'),
      description: documentField(head, 'DESCRIPTION'),
      xml: xml !== null,
      body: xml ? xml[1]! + '\n' : textBody,
    });
  }
  return docs;
}

/** The header text and the file's spelling, or why this is no submission file. */
function headerOf(text: string): { header: string; dissemination: boolean } {
  if (text.startsWith('<SEC-DOCUMENT>')) {
    const header = /<SEC-HEADER>[^\n]*\n([\s\S]*?)<\/SEC-HEADER>/.exec(text)?.[1];
    if (header !== undefined) {
      return { header, dissemination: false };
    }
  } else if (text.startsWith('<SUBMISSION>')) {
    const end = text.indexOf('<DOCUMENT>');
    return { header: end < 0 ? text : text.slice(0, end), dissemination: true };
  }
  throw new SubmissionFormatError(
    'not an EDGAR submission file: no <SEC-DOCUMENT>/<SEC-HEADER> (.txt) or <SUBMISSION> (.nc)',
  );
}

export function parseSubmission(text: string): Submission {
  const { header, dissemination } = headerOf(text);
  const h = readSgmlHeader(header);
  const accessionNumber = h.accessionNumber;
  if (accessionNumber === null) {
    throw new SubmissionFormatError('no valid accession number in the header');
  }
  if (h.filedAsOf === null) {
    throw new SubmissionFormatError(`${accessionNumber}: no valid FILED AS OF DATE / FILING-DATE`);
  }
  const acceptance =
    h.acceptanceDateTime ?? (dissemination ? `${h.filedAsOf}${DISSEMINATION_ACCEPTANCE_TIME}` : null);
  if (acceptance === null) {
    throw new SubmissionFormatError(`${accessionNumber}: no valid ACCEPTANCE-DATETIME`);
  }
  if (!h.formType) {
    throw new SubmissionFormatError(`${accessionNumber}: no CONFORMED SUBMISSION TYPE`);
  }
  const documents = parseDocuments(text);
  if (documents.length === 0) {
    throw new SubmissionFormatError(`${accessionNumber}: no <DOCUMENT>`);
  }
  const symbol = /<issuerTradingSymbol>\s*([^<]*?)\s*<\/issuerTradingSymbol>/.exec(documents[0]!.body)?.[1];
  const sub = {
    accessionNumber,
    formType: h.formType,
    periodOfReport: h.periodOfReport,
    filedAsOf: h.filedAsOf,
    acceptanceDateTime: acceptance,
    reportingOwners: h.reportingOwners,
    issuer: h.issuer,
    filers: h.filers,
    documents,
    tradingSymbol: symbol && symbol.toUpperCase() !== 'NONE' ? symbol.toUpperCase() : null,
  };
  const served = dissemination ? renderFullSubmission(sub) : text;
  return { ...sub, text: served, sizeBytes: Buffer.byteLength(served, 'latin1') };
}

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
