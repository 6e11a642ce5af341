/**
 * What an amendment (3/A, 4/A, 5/A) says it amends, as the document states it. The XML never
 * names the original's accession number, only the form, the issuer, the owners, the period of
 * report and the date of original submission; this records those facts on the filing (the
 * `amends` field, stored as filings.amends_*) and decides nothing.
 *
 * Which stored filings an amendment corrects, and how its rows replace theirs, is decided in one
 * place: pipeline/src/stages/aggregator/corrections.ts (README, "How amendments are applied").
 */
import type { OwnershipFiling } from './model';

export interface AmendmentTarget {
  /** The form being amended: "4" for a 4/A. */
  documentType: string;
  issuerCik: string;
  reportingOwnerCiks: string[];
  periodOfReport: string;
  dateOfOriginalSubmission: string | null;
}

type FilingFacts = Pick<
  OwnershipFiling,
  'documentType' | 'issuer' | 'reportingOwners' | 'periodOfReport' | 'dateOfOriginalSubmission'
>;

export function amendmentTarget(filing: FilingFacts): AmendmentTarget | null {
  if (!filing.documentType.endsWith('/A')) {
    return null;
  }
  return {
    documentType: filing.documentType.slice(0, -2),
    issuerCik: filing.issuer.cik,
    reportingOwnerCiks: filing.reportingOwners.map((o) => o.cik),
    periodOfReport: filing.periodOfReport,
    dateOfOriginalSubmission: filing.dateOfOriginalSubmission,
  };
}
