/**
 * Counts each economic trade once. A joint filing already lists its trade once with all owners.
 * An ownership chain (a fund, its general partner, its manager) files one Form 4 each for the same
 * trade; the parser gives the copies equal `tradeKey`s (issuer, security, date, code, shares,
 * price, …, but no owner), so copies merge by key.
 *
 * One refinement over the bare key: direct ownership is exclusive. Two copies that both say the
 * shares are held directly (D) by owners with nothing in common cannot be the same shares, so they
 * stay separate trades. Without it, two directors buying 1,000 shares at $10.00 on the same day
 * (typical of insiders joining an offering, the very signal cluster buys look for) would count
 * as one trade by one insider. Indirect copies join the trade of an overlapping owner, else the
 * first one.
 */
import type { Trade, TradeRow } from './model';

function overlaps(a: readonly string[], b: ReadonlySet<string>): boolean {
  return a.some((cik) => b.has(cik));
}

function mergeTenB5One(values: (boolean | null)[]): boolean | null {
  if (values.includes(true)) {
    return true;
  }
  return values.includes(false) ? false : null;
}

interface Group {
  copies: TradeRow[];
  owners: Set<string>;
}

function splitCopies(copies: readonly TradeRow[]): Group[] {
  const groups: Group[] = [];
  const direct = copies.filter((c) => c.directOrIndirect === 'D');
  const others = copies.filter((c) => c.directOrIndirect !== 'D');
  for (const copy of [...direct, ...others]) {
    const sameAccession = (g: Group) => g.copies.some((c) => c.accessionNumber === copy.accessionNumber);
    const home =
      groups.find((g) => !sameAccession(g) && overlaps(copy.ownerCiks, g.owners)) ??
      (copy.directOrIndirect === 'D' ? undefined : groups.find((g) => !sameAccession(g)));
    if (home) {
      home.copies.push(copy);
      for (const cik of copy.ownerCiks) {
        home.owners.add(cik);
      }
    } else {
      groups.push({ copies: [copy], owners: new Set(copy.ownerCiks) });
    }
  }
  return groups;
}

/**
 * Effective rows (after corrections) → economic trades, in the order of their earliest copy.
 * Rows must be in filing order (as applyCorrections returns them) for "earliest" to hold.
 */
export function economicTrades(rows: readonly TradeRow[]): Trade[] {
  const byKey = new Map<string, TradeRow[]>();
  for (const row of rows) {
    byKey.set(row.tradeKey, [...(byKey.get(row.tradeKey) ?? []), row]);
  }
  const trades: { trade: Trade; first: number }[] = [];
  const index = new Map(rows.map((r, i) => [r, i]));
  for (const copies of byKey.values()) {
    for (const group of splitCopies(copies)) {
      const ordered = [...group.copies].sort((a, b) => index.get(a)! - index.get(b)!);
      trades.push({
        first: index.get(ordered[0]!)!,
        trade: {
          row: ordered[0]!,
          ownerCiks: [...group.owners].sort(),
          is10b5One: mergeTenB5One(ordered.map((c) => c.is10b5One)),
          copies: ordered.length,
        },
      });
    }
  }
  return trades.sort((a, b) => a.first - b.first).map((t) => t.trade);
}
