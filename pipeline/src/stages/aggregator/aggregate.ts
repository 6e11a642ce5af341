/**
 * The aggregator's pure core: one issuer's stored rows in, every aggregate record that a change on
 * some days affects out. Steps: amendments applied as corrections (corrections.ts), copies of a
 * trade merged (economic-trades.ts), then daily, rolling, per-insider summaries and cluster buys.
 *
 * Scope of a recompute, for changed days C:
 * - daily and per-insider summaries of the days in C;
 * - rolling summaries ending on any day E in [c, c + 89] (c in C) that has trades or had a
 *   rolling summary before: those are the windows a trade on c falls in;
 * - cluster events over the issuer's whole purchase history (purchases are few; events can chain).
 * The caller loads rows dated [min C − 89, max C + 89] and every purchase row; both sets are
 * closed under corrections and merging, which only ever pair rows of the same transaction date.
 * Keys emitted before that no longer come out get a zero summary or an inactive cluster event.
 */
import { addDays } from '../../shared/calendar';
import { detectClusterBuys } from './clusters';
import { applyCorrections, filingOrder } from './corrections';
import { economicTrades } from './economic-trades';
import { ROLLING_WINDOWS } from './model';
import type { ClusterEvent, ClusterRules, FilingContext, OwnerInfo, Trade, TradeRow } from './model';
import { outputFor, type AggregateOutput, type EmittedKey } from './outputs';
import { dailySummaries, insiderDailySummaries, rollingSummaries, type IssuerRef } from './summaries';

/** Longest rolling window minus one: how far a change reaches forward and back. */
export const REACH_DAYS = Math.max(...ROLLING_WINDOWS) - 1;

export interface IssuerRecompute {
  issuerCik: string;
  changedDays: readonly string[];
  /** Stored rows dated [min changedDays − REACH_DAYS, max changedDays + REACH_DAYS]. */
  rows: readonly TradeRow[];
  /** Every stored open-market purchase row of the issuer. */
  purchaseRows: readonly TradeRow[];
  /** Filing contexts of the accessions of those rows, where known. */
  contexts: ReadonlyMap<string, FilingContext>;
  /** What was emitted before within the scope (see rollingScope), to zero or deactivate. */
  previous: readonly EmittedKey[];
  rules: ClusterRules;
}

export function issuerTrades(
  rows: readonly TradeRow[],
  contexts: ReadonlyMap<string, FilingContext>,
): Trade[] {
  return economicTrades(applyCorrections(rows, contexts));
}

/** The rows' date range a recompute of `changedDays` needs. */
export function rowScope(changedDays: readonly string[]): { from: string; to: string } | null {
  const sorted = [...changedDays].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) {
    return null;
  }
  return { from: addDays(first, -REACH_DAYS), to: addDays(last, REACH_DAYS) };
}

/** Owner data from the latest filing (in `accessionOrder`) that names the owner. */
export function ownerLookup(
  contexts: ReadonlyMap<string, FilingContext>,
  accessionOrder: readonly string[],
): (cik: string) => OwnerInfo | undefined {
  const latest = new Map<string, OwnerInfo>();
  for (const accession of accessionOrder) {
    for (const owner of contexts.get(accession)?.owners ?? []) {
      latest.set(owner.cik, owner);
    }
  }
  return (cik) => latest.get(cik);
}

function latestTicker(rows: readonly TradeRow[]): string | null {
  let best: { at: string; ticker: string } | null = null;
  for (const r of rows) {
    const at = r.acceptedAt ?? r.filedDate ?? '';
    if (r.issuerTicker !== null && (best === null || at >= best.at)) {
      best = { at, ticker: r.issuerTicker };
    }
  }
  return best?.ticker ?? null;
}

function rollingEndDays(
  changedDays: readonly string[],
  trades: readonly Trade[],
  previous: readonly EmittedKey[],
): string[] {
  const candidates = new Set([
    ...trades.map((t) => t.row.transactionDate),
    ...previous.filter((p) => p.output === 'rolling').map((p) => p.date),
  ]);
  return [...candidates].filter((e) => changedDays.some((c) => e >= c && e <= addDays(c, REACH_DAYS)));
}

function inactive(issuer: IssuerRef, startDate: string, rules: ClusterRules): ClusterEvent {
  return {
    issuerCik: issuer.cik,
    issuerTicker: issuer.ticker,
    startDate,
    endDate: startDate,
    triggerDate: startDate,
    active: false,
    insiderCount: 0,
    ownerCiks: [],
    purchaseCount: 0,
    purchaseShares: '0',
    purchaseValue: '0',
    rules,
  };
}

export function recomputeIssuer(input: IssuerRecompute): AggregateOutput[] {
  const issuer: IssuerRef = {
    cik: input.issuerCik,
    ticker: latestTicker([...input.rows, ...input.purchaseRows]),
  };
  const trades = issuerTrades(input.rows, input.contexts);
  const owners = ownerLookup(input.contexts, filingOrder([...input.rows, ...input.purchaseRows]));
  const days = [...new Set(input.changedDays)];
  const outputs: AggregateOutput[] = [
    ...dailySummaries(issuer, trades, days).map((s) => outputFor('daily', s)),
    ...rollingSummaries(issuer, trades, rollingEndDays(days, trades, input.previous), ROLLING_WINDOWS).map(
      (s) => outputFor('rolling', s),
    ),
  ];
  const previousInsiders = input.previous
    .filter((p) => p.output === 'insider' && p.ownerCik !== undefined)
    .map((p) => ({ ownerCik: p.ownerCik!, date: p.date }));
  outputs.push(
    ...insiderDailySummaries(issuer, trades, days, owners, previousInsiders).map((s) =>
      outputFor('insider', s),
    ),
  );
  const clusters = detectClusterBuys(
    issuer,
    issuerTrades(input.purchaseRows, input.contexts),
    input.rules,
    owners,
  );
  const live = new Set(clusters.map((c) => c.startDate));
  outputs.push(...clusters.map((c) => outputFor('cluster', c)));
  for (const p of input.previous) {
    if (p.output === 'cluster' && !live.has(p.date)) {
      outputs.push(outputFor('cluster', inactive(issuer, p.date, input.rules)));
    }
  }
  return outputs;
}
