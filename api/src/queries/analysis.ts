import type pg from 'pg';

export const SENTIMENTS = ['bullish', 'bearish', 'neutral'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export interface AnalysisListQuery {
  /** Activity on or after this day (YYYY-MM-DD). */
  since?: string;
  sentiment?: Sentiment;
  /** Upper-case ticker. */
  ticker?: string;
  limit: number;
}

/** One notable subject (a filing or a cluster buy) with the analysis shown for it. */
export interface AnalysisView {
  subjectKind: 'filing' | 'cluster';
  subjectKey: string;
  issuerCik: string;
  ticker: string | null;
  accessionNumbers: string[];
  /** The day of the activity: a filing's last trade, a cluster's trigger date. */
  subjectDate: string | null;
  /** Why it is notable, rule by rule. */
  reasons: { rule: string; detail: string }[];
  status: 'succeeded' | 'failed';
  model: string;
  promptVersion: string;
  fromRules: boolean;
  /** Why the rules answered: no_provider, budget_exhausted; null when a model did. */
  fallbackReason: string | null;
  analysis: {
    sentiment: Sentiment;
    summary: string;
    keyFindings: string[];
    citedRows: { accessionNumber: string; position: number }[];
    citedFootnotes: { accessionNumber: string; footnoteId: string }[];
  } | null;
  error: { code: string | null; message: string | null } | null;
  usage: { tokensIn: number; tokensOut: number; costUsd: string; latencyMs: number; attempts: number };
  requestId: string;
  analyzedAt: string;
}

interface Row {
  subject_kind: 'filing' | 'cluster';
  subject_key: string;
  issuer_cik: string;
  issuer_ticker: string | null;
  accession_numbers: string[];
  subject_date: string | null;
  reasons: AnalysisView['reasons'];
  status: 'succeeded' | 'failed';
  model: string;
  prompt_version: string;
  source: 'llm' | 'rules';
  fallback_reason: string | null;
  sentiment: Sentiment | null;
  summary: string | null;
  key_findings: string[];
  cited_rows: { accessionNumber: string; position: number }[];
  cited_footnotes: { accessionNumber: string; footnoteId: string }[];
  error_code: string | null;
  error: string | null;
  tokens_in: number;
  tokens_out: number;
  cost_usd: string;
  latency_ms: number;
  attempts: number;
  request_id: string;
  analyzed_at: Date;
}

function toView(r: Row): AnalysisView {
  return {
    subjectKind: r.subject_kind,
    subjectKey: r.subject_key,
    issuerCik: r.issuer_cik,
    ticker: r.issuer_ticker,
    accessionNumbers: r.accession_numbers,
    subjectDate: r.subject_date,
    reasons: r.reasons,
    status: r.status,
    model: r.model,
    promptVersion: r.prompt_version,
    fromRules: r.source === 'rules',
    fallbackReason: r.fallback_reason,
    analysis:
      r.status === 'succeeded' && r.sentiment && r.summary
        ? {
            sentiment: r.sentiment,
            summary: r.summary,
            keyFindings: r.key_findings,
            citedRows: r.cited_rows,
            citedFootnotes: r.cited_footnotes,
          }
        : null,
    error: r.status === 'failed' ? { code: r.error_code, message: r.error } : null,
    usage: {
      tokensIn: r.tokens_in,
      tokensOut: r.tokens_out,
      costUsd: r.cost_usd,
      latencyMs: r.latency_ms,
      attempts: r.attempts,
    },
    requestId: r.request_id,
    analyzedAt: r.analyzed_at.toISOString(),
  };
}

/**
 * The analysis shown per subject among the rows of its models and prompt versions: the latest
 * success, else the latest failure; none when a withdrawal came after it (a dissolved cluster, a
 * filing no longer notable). `$1` holds the filter on candidate rows.
 */
const SHOWN = (filter: string): string => `
  WITH shown AS (
    SELECT DISTINCT ON (subject_kind, subject_key) *
      FROM analysis_results a
     WHERE a.status <> 'withdrawn' AND ${filter}
     ORDER BY subject_kind, subject_key, (a.status = 'succeeded') DESC, a.analyzed_at DESC
  )
  SELECT s.subject_kind, s.subject_key, s.issuer_cik, s.issuer_ticker, s.accession_numbers,
         s.subject_date::text AS subject_date, s.reasons, s.status, s.model, s.prompt_version, s.source,
         s.fallback_reason, s.sentiment, s.summary, s.key_findings, s.cited_rows, s.cited_footnotes,
         s.error_code, s.error, s.tokens_in, s.tokens_out, s.cost_usd::text AS cost_usd, s.latency_ms,
         s.attempts, s.request_id, s.analyzed_at
    FROM shown s
   WHERE NOT EXISTS (
     SELECT 1 FROM analysis_results w
      WHERE w.subject_kind = s.subject_kind AND w.subject_key = s.subject_key
        AND w.status = 'withdrawn' AND w.analyzed_at >= s.analyzed_at)`;

/** Latest notable activity with its analysis, newest activity first. */
export async function queryLatestAnalyses(pool: pg.Pool, q: AnalysisListQuery): Promise<AnalysisView[]> {
  const { rows } = await pool.query<Row>(
    `${SHOWN('($1::date IS NULL OR a.subject_date >= $1::date) AND ($2::text IS NULL OR a.issuer_ticker = $2)')}
       AND ($3::text IS NULL OR s.sentiment = $3)
     ORDER BY s.subject_date DESC NULLS LAST, s.analyzed_at DESC, s.subject_key
     LIMIT $4`,
    [q.since ?? null, q.ticker ?? null, q.sentiment ?? null, q.limit],
  );
  return rows.map(toView);
}

/**
 * The analyses that cover one filing: its own, and those of the cluster buys it is part of.
 * For `GET /api/v1/filings/:accession`.
 */
export async function queryAnalysesForAccession(pool: pg.Pool, accession: string): Promise<AnalysisView[]> {
  const { rows } = await pool.query<Row>(
    `${SHOWN('a.accession_numbers @> ARRAY[$1::text]')}
     ORDER BY (s.subject_kind = 'filing') DESC, s.subject_date DESC NULLS LAST`,
    [accession],
  );
  return rows.map(toView);
}
