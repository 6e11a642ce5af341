/**
 * Amendments as corrections. A 4/A is its own filing that usually restates only the rows it fixes,
 * so it must replace what it restates and never wipe what it leaves out.
 *
 * The correction rule (the same identity as the parser's `restatementKey` in amendment.ts, plus
 * the chain it applies within):
 * 1. Chain: an amendment (documentType ending in /A) amends the earlier filings of the same base
 *    form, issuer and period of report that share at least one reporting owner. When its
 *    dateOfOriginalSubmission is known and some original of the chain was filed that day, other
 *    originals of that chain are left alone. "Earlier" is filing order: acceptedAt, else filedDate,
 *    then accession number.
 * 2. Row match: an amended row restates a row of the chain with the same table, row type, security
 *    title (case and spacing ignored), transaction date, code and direct/indirect ownership. Shares,
 *    price and value are what corrections change, so they are not part of the match. Rows with the
 *    same match key pair up in document order (the n-th restates the n-th).
 * 3. A restated row takes the place of the row it restates; an amended row matching nothing is
 *    added; rows the amendment does not restate stay. Amendments of amendments apply in order.
 *
 * Known limits: an amendment cannot delete a row, and one that changes a matched field (say the
 * date) adds a row instead of replacing one.
 */
import type { FilingContext, TradeRow } from './model';

export function restatementKey(row: TradeRow): string {
  const title = (row.securityTitle ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  return [
    row.table,
    'transaction',
    title,
    row.transactionDate,
    row.code ?? '',
    row.directOrIndirect ?? '',
  ].join('|');
}

interface FilingUnit {
  accessionNumber: string;
  isAmendment: boolean;
  baseForm: string;
  issuerCik: string;
  periodOfReport: string;
  ownerCiks: Set<string>;
  filedDate: string | null;
  dateOfOriginalSubmission: string | null;
  order: number;
  rows: TradeRow[];
}

function filingTime(row: TradeRow): number {
  const t =
    row.acceptedAt !== null
      ? Date.parse(row.acceptedAt)
      : row.filedDate !== null
        ? Date.parse(row.filedDate)
        : NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Filings in filing order, each with its rows in document order. */
function filingUnits(rows: readonly TradeRow[], contexts: ReadonlyMap<string, FilingContext>): FilingUnit[] {
  const byAccession = new Map<string, TradeRow[]>();
  for (const row of rows) {
    byAccession.set(row.accessionNumber, [...(byAccession.get(row.accessionNumber) ?? []), row]);
  }
  const units = [...byAccession.entries()].map(([accessionNumber, unitRows]) => {
    const first = unitRows[0]!;
    return {
      accessionNumber,
      isAmendment: first.documentType.endsWith('/A'),
      baseForm: first.documentType.replace(/\/A$/, ''),
      issuerCik: first.issuerCik,
      periodOfReport: first.periodOfReport,
      ownerCiks: new Set(first.ownerCiks),
      filedDate: first.filedDate,
      dateOfOriginalSubmission: contexts.get(accessionNumber)?.dateOfOriginalSubmission ?? null,
      time: filingTime(first),
      rows: [...unitRows].sort((a, b) => a.position - b.position),
    };
  });
  units.sort((a, b) => a.time - b.time || a.accessionNumber.localeCompare(b.accessionNumber));
  return units.map(({ time: _time, ...unit }, order) => ({ ...unit, order }));
}

/** Accession numbers in filing order. */
export function filingOrder(rows: readonly TradeRow[]): string[] {
  return filingUnits(rows, new Map()).map((u) => u.accessionNumber);
}

function inChain(amendment: FilingUnit, earlier: FilingUnit): boolean {
  return (
    earlier.order < amendment.order &&
    earlier.baseForm === amendment.baseForm &&
    earlier.issuerCik === amendment.issuerCik &&
    earlier.periodOfReport === amendment.periodOfReport &&
    [...earlier.ownerCiks].some((cik) => amendment.ownerCiks.has(cik))
  );
}

/** The accessions an amendment may correct (rule 1). */
function amendedAccessions(amendment: FilingUnit, units: readonly FilingUnit[]): Set<string> {
  const chain = units.filter((u) => inChain(amendment, u));
  const named = amendment.dateOfOriginalSubmission;
  const exactOriginals = chain.filter((u) => !u.isAmendment && named !== null && u.filedDate === named);
  const kept =
    exactOriginals.length > 0 ? chain.filter((u) => u.isAmendment || exactOriginals.includes(u)) : chain;
  return new Set(kept.map((u) => u.accessionNumber));
}

/**
 * The rows in effect once every amendment has been applied as a correction (see the rule above).
 * Rows are one issuer's, or any subset closed under the match key (same transaction dates).
 */
export function applyCorrections(
  rows: readonly TradeRow[],
  contexts: ReadonlyMap<string, FilingContext>,
): TradeRow[] {
  const units = filingUnits(rows, contexts);
  // Slots keep their place when restated, so "the n-th row with this key" stays well defined
  // through amendments of amendments.
  const slots: TradeRow[] = [];
  for (const unit of units) {
    if (!unit.isAmendment) {
      slots.push(...unit.rows);
      continue;
    }
    const targets = amendedAccessions(unit, units);
    const taken = new Set<number>();
    for (const row of unit.rows) {
      const key = restatementKey(row);
      const slot = slots.findIndex(
        (s, i) => !taken.has(i) && targets.has(s.accessionNumber) && restatementKey(s) === key,
      );
      if (slot < 0) {
        taken.add(slots.push(row) - 1);
      } else {
        slots[slot] = row;
        taken.add(slot);
      }
    }
  }
  return slots;
}
