/**
 * Weighted-average prices: when a row aggregates many fills, the filer reports the average price
 * and a footnote gives the range ("at prices ranging from $121.44 to $122.24, inclusive"). The
 * range is read from the footnotes of the price field first, then from the row's other footnotes.
 * A footnote that lists several ranges (one per row) yields the one that contains the row's price.
 */
import { compareDecimals, readDecimal } from './decimal';
import type { FiledRow, PriceRange } from './model';

const NUMBER = String.raw`\$?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)`;
const RANGE = new RegExp(
  String.raw`(?:rang(?:e|es|ed|ing)|between)\s+(?:(?:from|of|between)\s+)?(?:a\s+low\s+of\s+)?${NUMBER}\s*(?:to|-|–|—|and)\s*(?:a\s+high\s+of\s+)?${NUMBER}`,
  'gi',
);

/** Every ordered (low ≤ high) range stated in a text. */
export function rangesIn(text: string): { low: string; high: string }[] {
  const out: { low: string; high: string }[] = [];
  for (const m of text.matchAll(RANGE)) {
    const low = readDecimal(m[1] ?? '');
    const high = readDecimal(m[2] ?? '');
    if (low !== null && high !== null && compareDecimals(low, high) <= 0) {
      out.push({ low, high });
    }
  }
  return out;
}

export function findPriceRange(row: FiledRow, footnoteText: ReadonlyMap<string, string>): PriceRange | null {
  if (row.rowType !== 'transaction') {
    return null;
  }
  const priceNotes = row.footnoteIds.transactionPricePerShare ?? [];
  const otherNotes = Object.values(row.footnoteIds).flat();
  let fallback: PriceRange | null = null;
  for (const id of [...priceNotes, ...otherNotes]) {
    const text = footnoteText.get(id);
    if (text === undefined) {
      continue;
    }
    for (const range of rangesIn(text)) {
      const candidate = { ...range, footnoteId: id };
      if (row.pricePerShare === null) {
        return candidate;
      }
      if (
        compareDecimals(range.low, row.pricePerShare) <= 0 &&
        compareDecimals(row.pricePerShare, range.high) <= 0
      ) {
        return candidate;
      }
      fallback ??= candidate;
    }
  }
  return fallback;
}
