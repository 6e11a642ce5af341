/**
 * What the parser takes from a submission's SGML header (read by records/sgml-header.ts, in both
 * the `.txt` and the `.nc` spelling): accession number, form type, acceptance instant, filed date
 * and period. The owners and issuer come from the XML, which is what the filer signed.
 */
import { readSgmlHeader } from '../../records/sgml-header';
import { acceptanceToEasternIso } from '../../shared/eastern-time';

export interface SubmissionHeader {
  accessionNumber: string | null;
  /** CONFORMED SUBMISSION TYPE / TYPE, e.g. "4/A", "D". */
  formType: string | null;
  acceptedAt: string | null;
  filedDate: string | null;
  periodOfReport: string | null;
}

function isoDate(yyyymmdd: string | null): string | null {
  return yyyymmdd === null ? null : `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Reads the header text (everything before the first `<DOCUMENT>`). */
export function readSubmissionHeader(header: string): SubmissionHeader {
  const h = readSgmlHeader(header);
  return {
    accessionNumber: h.accessionNumber,
    formType: h.formType,
    acceptedAt: h.acceptanceDateTime === null ? null : acceptanceToEasternIso(h.acceptanceDateTime),
    filedDate: isoDate(h.filedAsOf),
    periodOfReport: isoDate(h.periodOfReport),
  };
}
