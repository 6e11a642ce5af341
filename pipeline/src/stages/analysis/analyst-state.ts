/**
 * The analyst's state in Postgres, shared by every analysis process: the content-hash cache of
 * answers and the daily token budget.
 */
import type pg from 'pg';
import type { FilingAnalysis } from './analysis-schema';

/** What a cached answer reproduces exactly, so a replayed request yields the same stored row. */
export interface CachedOutcome {
  analysis: FilingAnalysis;
  tokensIn: number;
  tokensOut: number;
  costUsd: string;
  latencyMs: number;
  attempts: number;
  analyzedAt: string;
}

export interface AnalysisCache {
  get(contentHash: string): Promise<CachedOutcome | null>;
  /** The first answer for a hash wins; a later one (a forced re-analysis) does not replace it. */
  put(contentHash: string, model: string, outcome: CachedOutcome): Promise<void>;
}

export function postgresCache(pool: pg.Pool): AnalysisCache {
  return {
    async get(contentHash) {
      const { rows } = await pool.query<{ outcome: CachedOutcome }>(
        'SELECT outcome FROM analysis_cache WHERE content_hash = $1',
        [contentHash],
      );
      return rows[0]?.outcome ?? null;
    },
    async put(contentHash, model, outcome) {
      await pool.query(
        `INSERT INTO analysis_cache (content_hash, model, outcome) VALUES ($1, $2, $3)
         ON CONFLICT (content_hash) DO NOTHING`,
        [contentHash, model, JSON.stringify(outcome)],
      );
    },
  };
}

/** Tokens held for a call in flight, on the UTC day they were taken from. */
export interface Reservation {
  day: string;
  tokens: number;
}

export interface TokenBudget {
  /** Takes `tokens` from today's budget, or returns null when what is left cannot cover them. */
  reserve(tokens: number): Promise<Reservation | null>;
  /** Replaces a reservation with the tokens the call actually used. */
  settle(reservation: Reservation, used: number): Promise<void>;
  /** Tokens left today. */
  remaining(): Promise<number>;
}

/**
 * The daily budget as one counter row per UTC day. Reserving before a call (an estimate) and
 * settling after it keeps concurrent analysts from overspending together.
 */
export function postgresBudget(
  pool: pg.Pool,
  dailyTokens: number,
  now: () => Date = () => new Date(),
): TokenBudget {
  const today = () => now().toISOString().slice(0, 10);
  return {
    async reserve(tokens) {
      const day = today();
      const { rows } = await pool.query(
        `INSERT INTO analysis_budget (day, tokens_used) SELECT $1::date, $2::bigint WHERE $2::bigint <= $3::bigint
         ON CONFLICT (day) DO UPDATE SET tokens_used = analysis_budget.tokens_used + EXCLUDED.tokens_used
          WHERE analysis_budget.tokens_used + EXCLUDED.tokens_used <= $3::bigint
         RETURNING tokens_used`,
        [day, tokens, dailyTokens],
      );
      return rows.length > 0 ? { day, tokens } : null;
    },
    async settle(reservation, used) {
      await pool.query(
        'UPDATE analysis_budget SET tokens_used = GREATEST(0, tokens_used + $2::bigint) WHERE day = $1::date',
        [reservation.day, used - reservation.tokens],
      );
    },
    async remaining() {
      const { rows } = await pool.query<{ tokens_used: string }>(
        'SELECT tokens_used FROM analysis_budget WHERE day = $1::date',
        [today()],
      );
      return Math.max(0, dailyTokens - Number(rows[0]?.tokens_used ?? 0));
    },
  };
}
