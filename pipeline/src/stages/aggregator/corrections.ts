/**
 * Amendments as corrections: THE rule for how a 3/A, 4/A or 5/A relates to what it amends. A 4/A
 * is its own filing that usually restates only the rows it fixes, so it must replace what it
 * restates and never wipe what it leaves out. Everything else about amendments derives from here:
 * - the parser only records what an amendment states it amends (parser/amendment.ts);
 * - the SQL view amendment_links (sql/0011_amendment_links.sql) is rule 1 in SQL, held to
 *   amendmentLinks() by pipeline/test/integration/amendment-links.int.test.ts;
 * - the analysis stage's `notRestated` (analysis/facts-history.ts) is rule 2 in SQL over that view.
 * The README's "How amendments are applied" describes the rule for readers.
 *
 * 1. Chain: an amendment (documentType ending in /A) amends the earlier filings of the same base
 *    form, issuer and period of report that share at least one reporting owner, amendments
 *    included (a 4/A of a 4/A corrects both). When its dateOfOriginalSubmission is known and some
 *    original of the chain was filed that day, other originals of that chain are left alone.
 *    "Earlier" is filing order: acceptedAt, else filedDate, then accession number.
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

/** What the chain rule (rule 1) reads of a filing: its header facts, nothing from its rows. */
export interface AmendmentFacts {
  accessionNumber: string;
  documentType: string;
  issuerCik: string;
  periodOfReport: string | null;
  ownerCiks: readonly string[];
  filedDate: string | null;
  /** ISO-8601 instant. */
  acceptedAt: string | null;
  dateOfOriginalSubmission: string | null;
}

/** A filing in filing order (rule 1's "earlier"), with what the chain rule compares. */
interface FilingUnit {
  accessionNumber: string;
  isAmendment: boolean;
  baseForm: string;
  issuerCik: string;
  periodOfReport: string | null;
  ownerCiks: Set<string>;
  filedDate: string | null;
  dateOfOriginalSubmission: string | null;
  order: number;
}

/** acceptedAt, else filedDate (midnight UTC), else last. amendment_links computes the same. */
function filingTime(f: Pick<AmendmentFacts, 'acceptedAt' | 'filedDate'>): number {
  const t =
    f.acceptedAt !== null ? Date.parse(f.acceptedAt) : f.filedDate !== null ? Date.parse(f.filedDate) : NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Filings in filing order: filingTime, then accession number. */
function inFilingOrder(filings: readonly AmendmentFacts[]): FilingUnit[] {
  return filings
    .map((f) => ({ f, time: filingTime(f) }))
    .sort(
      (a, b) =>
        a.time - b.time ||
        (a.f.accessionNumber < b.f.accessionNumber ? -1 : a.f.accessionNumber > b.f.accessionNumber ? 1 : 0),
    )
    .map(({ f }, order) => ({
      accessionNumber: f.accessionNumber,
      isAmendment: f.documentType.endsWith('/A'),
      baseForm: f.documentType.replace(/\/A$/, ''),
      issuerCik: f.issuerCik,
      periodOfReport: f.periodOfReport,
      ownerCiks: new Set(f.ownerCiks),
      filedDate: f.filedDate,
      dateOfOriginalSubmission: f.dateOfOriginalSubmission,
      order,
    }));
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

export interface AmendmentLink {
  amendmentAccession: string;
  originalAccession: string;
}

/**
 * Every (amendment, filing it may correct) pair among these filings, by rule 1. The SQL view
 * amendment_links (sql/0011_amendment_links.sql) is this function in SQL; an integration test
 * (amendment-links.int.test.ts) holds the two to the same answers.
 */
export function amendmentLinks(filings: readonly AmendmentFacts[]): AmendmentLink[] {
  const units = inFilingOrder(filings);
  return units
    .filter((u) => u.isAmendment)
    .flatMap((a) =>
      [...amendedAccessions(a, units)].map((originalAccession) => ({
        amendmentAccession: a.accessionNumber,
        originalAccession,
      })),
    );
}

/** The filing facts of each accession among these rows (its first row speaks for the filing). */
function factsOfRows(
  rows: readonly TradeRow[],
  contexts: ReadonlyMap<string, FilingContext>,
): { facts: AmendmentFacts[]; rowsOf: Map<string, TradeRow[]> } {
  const rowsOf = new Map<string, TradeRow[]>();
  for (const row of rows) {
    rowsOf.set(row.accessionNumber, [...(rowsOf.get(row.accessionNumber) ?? []), row]);
  }
  const facts = [...rowsOf.entries()].map(([accessionNumber, unitRows]): AmendmentFacts => {
    const first = unitRows[0]!;
    return {
      accessionNumber,
      documentType: first.documentType,
      issuerCik: first.issuerCik,
      periodOfReport: first.periodOfReport,
      ownerCiks: first.ownerCiks,
      filedDate: first.filedDate,
      acceptedAt: first.acceptedAt,
      dateOfOriginalSubmission: contexts.get(accessionNumber)?.dateOfOriginalSubmission ?? null,
    };
  });
  return { facts, rowsOf };
}

/** Accession numbers in filing order. */
export function filingOrder(rows: readonly TradeRow[]): string[] {
  return inFilingOrder(factsOfRows(rows, new Map()).facts).map((u) => u.accessionNumber);
}

/**
 * The rows in effect once every amendment has been applied as a correction (see the rule above).
 * Rows are one issuer's, or any subset closed under the match key (same transaction dates).
 */
export function applyCorrections(
  rows: readonly TradeRow[],
  contexts: ReadonlyMap<string, FilingContext>,
): TradeRow[] {
  const { facts, rowsOf } = factsOfRows(rows, contexts);
  const units = inFilingOrder(facts);
  const rowsOfUnit = (u: FilingUnit): TradeRow[] =>
    [...(rowsOf.get(u.accessionNumber) ?? [])].sort((a, b) => a.position - b.position);
  // Slots keep their place when restated, so "the n-th row with this key" stays well defined
  // through amendments of amendments.
  const slots: TradeRow[] = [];
  for (const unit of units) {
    if (!unit.isAmendment) {
      slots.push(...rowsOfUnit(unit));
      continue;
    }
    const targets = amendedAccessions(unit, units);
    const taken = new Set<number>();
    for (const row of rowsOfUnit(unit)) {
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
