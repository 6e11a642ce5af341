/**
 * Adds the derived, explainable fields to the filed rows: value, kind, 10b5-1, price range,
 * quality flags and trade key. Linear in the number of rows (the price-outlier check sorts each
 * security's prices once).
 */
import { classifyRow } from './classify';
import { rowValue } from './dollar-amount';
import type { FiledRow, Footnote, OwnershipRow } from './model';
import { findPriceRange } from './price-range';
import { qualityFlags } from './quality-flags';
import { decideTenB5One } from './ten-b5-one';
import { tradeKeys } from './trade-key';

export interface DeriveContext {
  issuerCik: string;
  periodOfReport: string;
  aff10b5One: boolean | null;
  remarks: string | null;
  footnotes: readonly Footnote[];
  /** See FlagContext.referenceDate. */
  referenceDate: string | null;
}

export function deriveRows(rows: readonly FiledRow[], ctx: DeriveContext): OwnershipRow[] {
  const footnoteText = new Map(ctx.footnotes.map((f) => [f.id, f.text]));
  const valued = rows.map((row) => ({ ...row, value: rowValue(row) }));
  const flags = qualityFlags(valued, {
    periodOfReport: ctx.periodOfReport,
    referenceDate: ctx.referenceDate,
  });
  const keys = tradeKeys(ctx.issuerCik, rows);
  return valued.map((row, i) => ({
    ...row,
    ...classifyRow(row),
    ...decideTenB5One(row, ctx.aff10b5One, footnoteText, ctx.remarks),
    priceRange: findPriceRange(row, footnoteText),
    flags: flags[i] ?? [],
    tradeKey: keys[i] ?? '',
  }));
}
