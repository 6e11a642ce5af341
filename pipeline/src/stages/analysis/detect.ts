/**
 * What the detector asks for when a filing or a cluster buy arrives: the subject itself if the
 * rules find it notable, and the subjects whose facts it changes (later filings of the issuer,
 * the filings an amendment replaces, the members of a cluster), evaluated again. A subject that
 * is no longer notable but has an analysis gets it withdrawn.
 */
import type pg from 'pg';
import type { ClusterEvent } from '../aggregator/model';
import type { FilingRecord } from '../parser/to-avro';
import type { AnalysisMetrics } from './analysis-metrics';
import { loadClusterFacts, loadFilingFacts, RECENT_TRADE_DAYS } from './facts';
import { amendedBy, hasAnalysis, isAmended, laterFilings } from './facts-filing';
import type { AnalysisRequest } from './model';
import { buildRequest, clusterContext, clusterKey, withdrawalRequest } from './request';
import { clusterReason, notableReasons } from './rules';
import type { NotableRules } from './rules';

export interface DetectDeps {
  pool: pg.Pool;
  metrics: AnalysisMetrics;
  rules: NotableRules;
}

/** Forms that report transactions; a Form 3 only states holdings. */
export const TRADING_FORMS = new Set(['4', '4/A', '5', '5/A']);

async function withdrawIfAnalysed(
  deps: DetectDeps,
  accession: string,
  issuer: AnalysisRequest['issuer'],
  requestedAt: string,
): Promise<AnalysisRequest | null> {
  const subject = { kind: 'filing' as const, key: accession };
  return (await hasAnalysis(deps.pool, subject.kind, subject.key))
    ? withdrawalRequest(subject, issuer, null, requestedAt)
    : null;
}

/** The request for one loaded filing if the rules find it notable, else a withdrawal if it had an analysis. */
export async function evaluateFiling(
  deps: DetectDeps,
  accession: string,
  requestedAt: string,
): Promise<AnalysisRequest | null> {
  const facts = await loadFilingFacts(deps.pool, accession, { historyYears: deps.rules.firstPurchaseYears });
  if (!facts) {
    deps.metrics.skipped.inc({ reason: 'not_loaded' });
    return null;
  }
  const amended = await isAmended(deps.pool, accession);
  const reasons = amended ? [] : notableReasons(facts, deps.rules);
  if (reasons.length === 0) {
    deps.metrics.skipped.inc({ reason: amended ? 'amended' : 'not_notable' });
    return withdrawIfAnalysed(deps, accession, facts.issuer, requestedAt);
  }
  for (const r of reasons) {
    deps.metrics.notable.inc({ rule: r.rule });
  }
  return buildRequest({ kind: 'filing', key: accession }, facts, reasons, { origin: 'notable', requestedAt });
}

async function evaluateAll(
  deps: DetectDeps,
  accessions: string[],
  requestedAt: string,
): Promise<AnalysisRequest[]> {
  const out: AnalysisRequest[] = [];
  for (const accession of accessions) {
    const request = await evaluateFiling(deps, accession, requestedAt);
    if (request) {
      out.push(request);
    }
  }
  return out;
}

/** Requests caused by a loaded filing: its own, and those of the filings whose facts it changes. */
export async function requestsForFiling(
  deps: DetectDeps,
  record: FilingRecord & { accessionNumber: string },
  requestedAt: string,
): Promise<AnalysisRequest[]> {
  const accession = record.accessionNumber;
  const own = TRADING_FORMS.has(record.documentType) ? [accession] : [];
  if (own.length === 0) {
    deps.metrics.skipped.inc({ reason: 'no_trades' });
  }
  const later = record.acceptedAt
    ? await laterFilings(
        deps.pool,
        {
          accession,
          issuerCik: record.issuer.cik,
          ownerCiks: record.reportingOwners.map((o) => o.cik),
          acceptedAt: record.acceptedAt,
          periodOfReport: record.periodOfReport,
        },
        RECENT_TRADE_DAYS,
      )
    : [];
  const replaced = await amendedBy(deps.pool, accession);
  return evaluateAll(deps, [...own, ...replaced, ...later], requestedAt);
}

/** Requests caused by a cluster event: the cluster's own (or its withdrawal), and its members' filings again. */
export async function requestsForCluster(
  deps: DetectDeps,
  event: ClusterEvent,
  requestedAt: string,
): Promise<AnalysisRequest[]> {
  const subject = { kind: 'cluster' as const, key: clusterKey(event) };
  if (!event.active) {
    const issuer = { cik: event.issuerCik, name: null, ticker: event.issuerTicker };
    return [withdrawalRequest(subject, issuer, clusterContext(event), requestedAt)];
  }
  const facts = await loadClusterFacts(deps.pool, event);
  deps.metrics.notable.inc({ rule: 'cluster_buy' });
  const reason = clusterReason(facts.cluster!, facts.issuer.ticker ?? event.issuerCik);
  const own = buildRequest(subject, facts, [reason], { origin: 'notable', requestedAt });
  // The members' own analyses now have a cluster to mention.
  return [
    own,
    ...(await evaluateAll(
      deps,
      facts.filings.map((f) => f.accessionNumber),
      requestedAt,
    )),
  ];
}
