/**
 * Amendments (3/A, 4/A, 5/A). An amendment is stored as its own filing and linked to the filing it
 * amends. The XML never names the original's accession number, only the form, the issuer, the
 * owners, the period of report and the date of original submission, so linking is a match over
 * stored filings; these pure functions give the loader the rule.
 *
 * An amendment often restates only the rows it corrects. Omission therefore never deletes: the
 * effective rows are the original's, with each restated row replaced, plus the amendment's new rows.
 */
import type { OwnershipFiling, OwnershipRow } from './model';

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

/** What the loader knows about a stored filing. */
export interface StoredFilingRef {
  accessionNumber: string;
  documentType: string;
  issuerCik: string;
  reportingOwnerCiks: string[];
  periodOfReport: string;
  filedDate: string | null;
}

export interface AmendedFilingMatch {
  accessionNumber: string;
  reason: string;
}

/**
 * The stored filing an amendment amends: same base form, issuer and period, at least one common
 * reporting owner, filed no later than the amendment. A filing filed on dateOfOriginalSubmission
 * wins; otherwise the latest earlier one (amendments of amendments chain through it).
 */
export function findAmendedFiling(
  target: AmendmentTarget,
  candidates: readonly StoredFilingRef[],
  amendmentFiledDate: string | null,
): AmendedFilingMatch | null {
  const owners = new Set(target.reportingOwnerCiks);
  const eligible = candidates
    .filter(
      (c) =>
        c.documentType.replace(/\/A$/, '') === target.documentType &&
        c.issuerCik === target.issuerCik &&
        c.periodOfReport === target.periodOfReport &&
        c.reportingOwnerCiks.some((cik) => owners.has(cik)) &&
        (amendmentFiledDate === null || c.filedDate === null || c.filedDate <= amendmentFiledDate),
    )
    .sort((a, b) => (b.filedDate ?? '').localeCompare(a.filedDate ?? ''));
  const exact = eligible.find(
    (c) => c.documentType === target.documentType && c.filedDate === target.dateOfOriginalSubmission,
  );
  if (exact) {
    return {
      accessionNumber: exact.accessionNumber,
      reason: 'same issuer, owner and period; filed on dateOfOriginalSubmission',
    };
  }
  const latest = eligible[0];
  return latest
    ? {
        accessionNumber: latest.accessionNumber,
        reason: 'same issuer, owner and period; latest filing before the amendment',
      }
    : null;
}

export interface EffectiveRow {
  row: OwnershipRow;
  /** Accession number of the filing this version of the row comes from. */
  accessionNumber: string | null;
  /** What happened to the original row: kept as is, replaced by a restated row, or added. */
  status: 'original' | 'restated' | 'added';
}

/**
 * A restated row keeps what identifies the holding or trade and corrects amounts or prices, so the
 * match leaves shares and price out. Identical keys pair up in document order.
 */
export function restatementKey(row: OwnershipRow): string {
  const title = (row.securityTitle ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  return [
    row.table,
    row.rowType,
    title,
    row.transactionDate ?? '',
    row.code ?? '',
    row.directOrIndirect ?? '',
  ].join('|');
}

export function applyAmendment(original: OwnershipFiling, amendment: OwnershipFiling): EffectiveRow[] {
  const restatements = new Map<string, OwnershipRow[]>();
  for (const row of amendment.rows) {
    const key = restatementKey(row);
    restatements.set(key, [...(restatements.get(key) ?? []), row]);
  }
  const used = new Set<OwnershipRow>();
  const effective: EffectiveRow[] = original.rows.map((row) => {
    const restated = restatements.get(restatementKey(row))?.shift();
    if (restated === undefined) {
      return { row, accessionNumber: original.accessionNumber, status: 'original' };
    }
    used.add(restated);
    return { row: restated, accessionNumber: amendment.accessionNumber, status: 'restated' };
  });
  for (const row of amendment.rows) {
    if (!used.has(row)) {
      effective.push({ row, accessionNumber: amendment.accessionNumber, status: 'added' });
    }
  }
  return effective;
}
