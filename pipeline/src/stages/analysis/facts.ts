/**
 * The facts of a subject, read from the read model the API serves: the filing(s), the insiders'
 * record and history, other insiders' recent trades and the cluster context. Used by the
 * notable-activity detector and by `sec-tracker analyze`, so both ask the same question.
 */
import type pg from 'pg';
import { addDays, addMonths } from '../../shared/calendar';
import type { ClusterEvent } from '../aggregator/model';
import { purchasesOf } from './activity';
import { amendedBy, loadFiling } from './facts-filing';
import type { LoadedFiling } from './facts-filing';
import {
  clusterAround,
  clusterFilings,
  insiderHistory,
  insiderRecords,
  issuerTrades,
  tradeKeysOf,
} from './facts-history';
import type { HistoryScope } from './facts-history';
import type { SubjectFacts } from './model';
import { clusterContext } from './request';

type Queryable = Pick<pg.Pool, 'query'>;

/** Other insiders' trades this far back give "recent prices". */
export const RECENT_TRADE_DAYS = 90;

export interface FactsOptions {
  /** How far back the insiders' own history goes (ANALYSIS_FIRST_PURCHASE_YEARS). */
  historyYears: number;
}

function tradeDates(loaded: LoadedFiling): string[] {
  return loaded.filing.rows.flatMap((r) => (r.transactionDate ? [r.transactionDate] : [])).sort();
}

/** Facts for a filing subject, or null when the filing is not (yet) in Postgres. */
export async function loadFilingFacts(
  db: Queryable,
  accession: string,
  options: FactsOptions,
): Promise<SubjectFacts | null> {
  const loaded = await loadFiling(db, accession);
  if (!loaded) {
    return null;
  }
  const { filing, issuer } = loaded;
  const dates = tradeDates(loaded);
  const first = dates[0] ?? filing.periodOfReport ?? filing.filedDate ?? '1900-01-01';
  const last = dates[dates.length - 1] ?? first;
  const ownerCiks = filing.owners.map((o) => o.cik);
  // What an amendment restates is the same activity, never its history.
  const own = [accession, ...(await amendedBy(db, accession))];
  const scope: HistoryScope = {
    issuerCik: issuer.cik,
    ownerCiks,
    accessions: own,
    tradeKeys: await tradeKeysOf(db, own),
    acceptedBefore: filing.acceptedAt,
  };
  const buys = purchasesOf(filing);
  return {
    issuer,
    filings: [filing],
    insiders: await insiderRecords(db, scope, first),
    history: await insiderHistory(db, scope, addMonths(first, -Math.round(options.historyYears * 12)), last),
    issuerTrades: await issuerTrades(db, scope, addDays(first, -RECENT_TRADE_DAYS), last),
    cluster:
      buys.firstDate && buys.lastDate
        ? await clusterAround(db, issuer.cik, ownerCiks, buys.firstDate, buys.lastDate)
        : null,
  };
}

/** Whether every member of a cluster has a purchase in its window loaded in Postgres. */
export async function clusterLoaded(db: Queryable, event: ClusterEvent): Promise<boolean> {
  const { buyers } = await clusterFilings(
    db,
    event.issuerCik,
    event.ownerCiks,
    event.startDate,
    event.endDate,
  );
  return buyers >= event.ownerCiks.length;
}

/** At most this many member filings go into one cluster request (a large cluster's prompt stays small). */
const MAX_CLUSTER_FILINGS = 20;

/** Facts for a cluster-buy subject: the members' filings of the window and their record. */
export async function loadClusterFacts(db: Queryable, event: ClusterEvent): Promise<SubjectFacts> {
  const { accessions } = await clusterFilings(
    db,
    event.issuerCik,
    event.ownerCiks,
    event.startDate,
    event.endDate,
  );
  const loaded: LoadedFiling[] = [];
  for (const accession of accessions.slice(0, MAX_CLUSTER_FILINGS)) {
    const one = await loadFiling(db, accession);
    if (one) {
      loaded.push(one);
    }
  }
  const scope: HistoryScope = {
    issuerCik: event.issuerCik,
    ownerCiks: event.ownerCiks,
    accessions,
    tradeKeys: await tradeKeysOf(db, accessions),
    acceptedBefore: null,
  };
  const issuer = loaded[0]?.issuer ?? { cik: event.issuerCik, name: null, ticker: event.issuerTicker };
  return {
    issuer,
    filings: loaded.map((l) => l.filing),
    insiders: await insiderRecords(db, scope, event.startDate),
    history: [],
    issuerTrades: await issuerTrades(db, scope, addDays(event.startDate, -RECENT_TRADE_DAYS), event.endDate),
    cluster: clusterContext(event),
  };
}
