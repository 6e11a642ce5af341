/**
 * Requests made on demand (`sec-tracker analyze`, the original product's generate_analysis job):
 * the same facts and rules as the stream, for filings and cluster buys already loaded, with an id
 * of their own so their results can be followed.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { UsageError } from '../../shared/errors';
import type { ClusterEvent, InsiderRole } from '../aggregator/model';
import { loadClusterFacts, loadFilingFacts } from './facts';
import type { AnalysisRequest, NotableReason } from './model';
import { buildRequest, clusterKey } from './request';
import { clusterReason, notableReasons } from './rules';
import type { NotableRules } from './rules';

type Queryable = Pick<pg.Pool, 'query'>;

export type Selection = { accessions: string[] } | { ticker: string; since: string };

export interface OnDemandOptions {
  rules: NotableRules;
  force: boolean;
  now?: () => Date;
}

const ON_DEMAND: NotableReason = { rule: 'on_demand', detail: 'Requested with sec-tracker analyze' };

/** Form 4/5 filings of a ticker filed since a day with at least one open-market trade. */
async function tradingFilings(db: Queryable, ticker: string, since: string): Promise<string[]> {
  const { rows } = await db.query<{ accession_number: string }>(
    `SELECT f.accession_number FROM filings f
      WHERE f.issuer_ticker = $1 AND f.filed_date >= $2::date AND f.document_type IN ('4', '4/A', '5', '5/A')
        AND EXISTS (SELECT 1 FROM transactions t WHERE t.accession_number = f.accession_number
                     AND t.kind IN ('open_market_purchase', 'open_market_sale'))
      ORDER BY f.accepted_at, f.accession_number`,
    [ticker, since],
  );
  return rows.map((r) => r.accession_number);
}

/** Active cluster buys of a ticker triggered since a day, as the aggregator's events. */
async function clusterEvents(db: Queryable, ticker: string, since: string): Promise<ClusterEvent[]> {
  const { rows } = await db.query<{
    issuer_cik: string;
    issuer_ticker: string | null;
    start_date: string;
    end_date: string;
    trigger_date: string;
    insider_count: number;
    owner_ciks: string[];
    purchase_count: number;
    purchase_shares: string;
    purchase_value: string;
    min_insiders: number;
    window_days: number;
    min_value: string;
    roles: InsiderRole[];
  }>(
    `SELECT issuer_cik, issuer_ticker, start_date::text, end_date::text, trigger_date::text, insider_count,
            owner_ciks, purchase_count, purchase_shares::text, purchase_value::text, min_insiders, window_days,
            min_value::text, roles
       FROM cluster_events WHERE issuer_ticker = $1 AND active AND trigger_date >= $2::date
      ORDER BY trigger_date`,
    [ticker, since],
  );
  return rows.map((r) => ({
    issuerCik: r.issuer_cik,
    issuerTicker: r.issuer_ticker,
    startDate: r.start_date,
    endDate: r.end_date,
    triggerDate: r.trigger_date,
    active: true,
    insiderCount: r.insider_count,
    ownerCiks: r.owner_ciks,
    purchaseCount: r.purchase_count,
    purchaseShares: r.purchase_shares,
    purchaseValue: r.purchase_value,
    rules: { minInsiders: r.min_insiders, windowDays: r.window_days, minValue: r.min_value, roles: r.roles },
  }));
}

/**
 * One request per selected filing (notable or not: the user asked) and per active cluster buy of
 * a ticker selection. Throws naming each accession that is not loaded.
 */
export async function onDemandRequests(
  db: Queryable,
  selection: Selection,
  options: OnDemandOptions,
): Promise<AnalysisRequest[]> {
  const requestedAt = (options.now ?? (() => new Date()))().toISOString();
  const meta = () => ({
    origin: 'on_demand' as const,
    requestId: `cli:${randomUUID()}`,
    requestedAt,
    force: options.force,
  });
  const accessions =
    'accessions' in selection
      ? selection.accessions
      : await tradingFilings(db, selection.ticker, selection.since);
  const requests: AnalysisRequest[] = [];
  const missing: string[] = [];
  for (const accession of accessions) {
    const facts = await loadFilingFacts(db, accession, { historyYears: options.rules.firstPurchaseYears });
    if (!facts) {
      missing.push(accession);
      continue;
    }
    const reasons = notableReasons(facts, options.rules);
    requests.push(
      buildRequest({ kind: 'filing', key: accession }, facts, reasons.length ? reasons : [ON_DEMAND], meta()),
    );
  }
  if (missing.length > 0) {
    throw new UsageError(
      `not in the database (yet): ${missing.join(', ')}; only loaded filings can be analysed`,
    );
  }
  if ('ticker' in selection) {
    for (const event of await clusterEvents(db, selection.ticker, selection.since)) {
      const facts = await loadClusterFacts(db, event);
      const reason = clusterReason(facts.cluster!, selection.ticker);
      requests.push(buildRequest({ kind: 'cluster', key: clusterKey(event) }, facts, [reason], meta()));
    }
  }
  return requests;
}

export interface StoredOutcome {
  requestId: string;
  subjectKind: string;
  subjectKey: string;
  status: string;
  model: string;
  sentiment: string | null;
  summary: string | null;
  errorCode: string | null;
  error: string | null;
}

/** The results of these requests that the loader has stored so far. */
export async function storedOutcomes(db: Queryable, requestIds: string[]): Promise<StoredOutcome[]> {
  const { rows } = await db.query<StoredOutcome>(
    `SELECT request_id AS "requestId", subject_kind AS "subjectKind", subject_key AS "subjectKey", status, model,
            sentiment, summary, error_code AS "errorCode", error
       FROM analysis_results WHERE request_id = ANY($1)`,
    [requestIds],
  );
  return rows;
}
