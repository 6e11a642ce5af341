/**
 * The economic-trade key. In an ownership chain (a fund, its general partner, its manager) every
 * entity files its own Form 4 for the same sale, so one trade appears in several filings, each
 * with its own accession number and owners. The key hashes only what describes the trade itself:
 * issuer CIK, table, row type, security title, transaction date, code, acquired/disposed, shares
 * and price, and for a row sized in dollars the dollar amount (two note purchases of different
 * sizes on one day are two trades). It leaves out owners, accession number and position, so the
 * copies agree and the aggregates can count the trade once. Rows sized in shares hash exactly what
 * they hashed before dollar amounts were keyed, so their keys did not change.
 *
 * A holding is no trade, but the same position is also reported by every entity of a chain; its
 * key takes the shares owned and direct/indirect in place of the trade's amounts.
 *
 * Two genuinely separate fills with identical terms in one filing (two 100-share sales at $10 on
 * the same day) must not collapse, so the n-th identical row of a filing also hashes n; the other
 * filings of the chain list the same fills and number them the same way.
 */
import { createHash } from 'node:crypto';
import { canonicalDecimal } from './decimal';
import { filedDollarAmount } from './dollar-amount';
import type { FiledRow } from './model';

export const TRADE_KEY_VERSION = 'tk1';

type KeyedRow = Pick<
  FiledRow,
  | 'table'
  | 'rowType'
  | 'securityTitle'
  | 'transactionDate'
  | 'code'
  | 'acquiredDisposed'
  | 'shares'
  | 'pricePerShare'
  | 'sharesOwnedFollowing'
  | 'directOrIndirect'
  | 'totalValue'
  | 'valueOwnedFollowing'
>;

function normalizeTitle(title: string | null): string {
  return (title ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The key's input text, before hashing (exported for tests and debugging). */
export function tradeKeyMaterial(issuerCik: string, row: KeyedRow): string {
  const dollars = filedDollarAmount(row);
  return [
    issuerCik,
    row.table,
    row.rowType,
    normalizeTitle(row.securityTitle),
    row.transactionDate ?? '',
    row.code ?? '',
    row.acquiredDisposed ?? '',
    row.shares === null ? '' : canonicalDecimal(row.shares),
    row.pricePerShare === null ? '' : canonicalDecimal(row.pricePerShare),
    ...(row.rowType === 'holding'
      ? [
          row.sharesOwnedFollowing === null ? '' : canonicalDecimal(row.sharesOwnedFollowing),
          row.directOrIndirect ?? '',
        ]
      : []),
    ...(dollars ? [`$${canonicalDecimal(dollars)}`] : []),
  ].join('\u001f');
}

/** One key per row, in row order. */
export function tradeKeys(issuerCik: string, rows: readonly KeyedRow[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const material = tradeKeyMaterial(issuerCik, row);
    const occurrence = seen.get(material) ?? 0;
    seen.set(material, occurrence + 1);
    const digest = createHash('sha256')
      .update(`${TRADE_KEY_VERSION}\u001f${material}\u001f${occurrence}`)
      .digest('hex');
    return `${TRADE_KEY_VERSION}:${digest.slice(0, 32)}`;
  });
}
