/**
 * The NDJSON projection `sec-tracker parse` prints per filing: the fields a person checks when
 * reading a filing, transactions and holdings listed apart. `value` and `flags` are always there: a
 * row sized in dollars (convertible notes, debt) shows its amount in `value` with the flag
 * `dollar_amount`, and its shares stay null. `--full` prints the whole model instead.
 */
import type { OwnershipFiling, OwnershipRow } from './model';

function transaction(row: OwnershipRow) {
  return {
    position: row.position,
    table: row.table,
    securityTitle: row.securityTitle,
    transactionDate: row.transactionDate,
    code: row.code,
    acquiredDisposed: row.acquiredDisposed,
    shares: row.shares,
    pricePerShare: row.pricePerShare,
    value: row.value,
    sharesOwnedFollowing: row.sharesOwnedFollowing,
    directOrIndirect: row.directOrIndirect,
    kind: row.kind,
    is10b5One: row.is10b5One,
    tenB5OneSource: row.tenB5OneSource,
    priceRange: row.priceRange,
    flags: row.flags,
    tradeKey: row.tradeKey,
  };
}

function holding(row: OwnershipRow) {
  return {
    position: row.position,
    table: row.table,
    securityTitle: row.securityTitle,
    sharesOwnedFollowing: row.sharesOwnedFollowing,
    valueOwnedFollowing: row.valueOwnedFollowing,
    value: row.value,
    directOrIndirect: row.directOrIndirect,
    natureOfOwnership: row.natureOfOwnership,
    underlyingSecurityTitle: row.underlyingSecurityTitle,
    underlyingSecurityShares: row.underlyingSecurityShares,
    flags: row.flags,
  };
}

export function toSummaryLine(filing: OwnershipFiling) {
  return {
    source: filing.source,
    accessionNumber: filing.accessionNumber,
    documentType: filing.documentType,
    schemaVersion: filing.schemaVersion,
    periodOfReport: filing.periodOfReport,
    filedDate: filing.filedDate,
    acceptedAt: filing.acceptedAt,
    issuer: { cik: filing.issuer.cik, name: filing.issuer.name, ticker: filing.issuer.ticker },
    reportingOwners: filing.reportingOwners.map((o) => ({
      cik: o.cik,
      name: o.name,
      isDirector: o.isDirector,
      isOfficer: o.isOfficer,
      isTenPercentOwner: o.isTenPercentOwner,
      isOther: o.isOther,
      officerTitle: o.officerTitle,
    })),
    aff10b5One: filing.aff10b5One,
    transactions: filing.rows.filter((r) => r.rowType === 'transaction').map(transaction),
    holdings: filing.rows.filter((r) => r.rowType === 'holding').map(holding),
  };
}
