import type pg from 'pg';
import { camelCaseRow } from './camel-case';

export interface IssuerSummary {
  /** Latest rolling window per length (7/30/90 days), as of the last day with trades. */
  rolling: Record<string, unknown>[];
  /** Daily summaries, newest first. */
  daily: Record<string, unknown>[];
  clusters: Record<string, unknown>[];
}

export async function queryIssuerSummary(
  pool: pg.Pool,
  ticker: string,
  days: number,
): Promise<IssuerSummary | null> {
  const rolling = await pool.query<Record<string, unknown>>(
    `SELECT DISTINCT ON (window_days) * FROM rolling_summaries
      WHERE issuer_ticker = $1 ORDER BY window_days, end_date DESC`,
    [ticker],
  );
  const daily = await pool.query<Record<string, unknown>>(
    'SELECT * FROM daily_summaries WHERE issuer_ticker = $1 ORDER BY date DESC LIMIT $2',
    [ticker, days],
  );
  const clusters = await pool.query<Record<string, unknown>>(
    'SELECT * FROM cluster_events WHERE issuer_ticker = $1 AND active ORDER BY start_date DESC LIMIT 50',
    [ticker],
  );
  if (rolling.rows.length === 0 && daily.rows.length === 0) {
    return null;
  }
  return {
    rolling: rolling.rows.map(camelCaseRow),
    daily: daily.rows.map(camelCaseRow),
    clusters: clusters.rows.map(camelCaseRow),
  };
}

export async function queryRecentClusters(
  pool: pg.Pool,
  since: string | undefined,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT * FROM cluster_events WHERE active AND ($1::date IS NULL OR trigger_date >= $1::date)
      ORDER BY trigger_date DESC, issuer_cik LIMIT $2`,
    [since ?? null, limit],
  );
  return rows.map(camelCaseRow);
}
