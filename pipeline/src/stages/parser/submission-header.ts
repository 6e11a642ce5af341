/**
 * The SGML header of an EDGAR submission, in both of its spellings:
 * - the `.txt` full submission: `<SEC-HEADER>` with "ACCESSION NUMBER:\t\t…" lines and an
 *   `<ACCEPTANCE-DATETIME>` tag;
 * - the `.nc` dissemination / `-index-headers` form: one tag per field (`<ACCESSION-NUMBER>…`,
 *   `<FILING-DATE>…`), values ending at the next tag or line break, often all on one line.
 * Only what the model needs is read; the owners and issuer come from the XML, which is what the
 * filer signed.
 */
import { acceptanceToIso } from './eastern-time';

export interface SubmissionHeader {
  accessionNumber: string | null;
  /** CONFORMED SUBMISSION TYPE / TYPE, e.g. "4/A", "D". */
  formType: string | null;
  acceptedAt: string | null;
  filedDate: string | null;
  periodOfReport: string | null;
}

/** Field → [labeled-line name, tag name]. */
const FIELDS = {
  accessionNumber: ['ACCESSION NUMBER', 'ACCESSION-NUMBER'],
  formType: ['CONFORMED SUBMISSION TYPE', 'TYPE'],
  filedDate: ['FILED AS OF DATE', 'FILING-DATE'],
  periodOfReport: ['CONFORMED PERIOD OF REPORT', 'PERIOD'],
} as const;

function lookup(header: string, [label, tag]: readonly [string, string]): string | null {
  const labeled = new RegExp(`^[ \\t]*${label}:[ \\t]*([^\\r\\n]*)`, 'm').exec(header);
  if (labeled?.[1]?.trim()) {
    return labeled[1].trim();
  }
  const tagged = new RegExp(`<${tag}>[ \\t]*([^<\\r\\n]*)`).exec(header);
  return tagged?.[1]?.trim() || null;
}

function compactDate(value: string | null): string | null {
  const m = value === null ? null : /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Reads the header text (everything before the first `<DOCUMENT>`). */
export function readSubmissionHeader(header: string): SubmissionHeader {
  const accession = lookup(header, FIELDS.accessionNumber);
  const stamp = /<ACCEPTANCE-DATETIME>[ \t]*(\d{14})/.exec(header);
  return {
    accessionNumber: accession !== null && /^\d{10}-\d{2}-\d{6}$/.test(accession) ? accession : null,
    formType: lookup(header, FIELDS.formType),
    acceptedAt: stamp?.[1] ? acceptanceToIso(stamp[1]) : null,
    filedDate: compactDate(lookup(header, FIELDS.filedDate)),
    periodOfReport: compactDate(lookup(header, FIELDS.periodOfReport)),
  };
}
