/**
 * company_tickers.json → `ticker_map` in Postgres, with the first and last day each (ticker, CIK)
 * pair was seen. Tickers move between CIKs (mergers, reuse), so a ticker resolves to the CIK it
 * was most recently seen with.
 */
import type pg from 'pg';
import type { CrawlerContext } from './crawler-context';
import { easternDate } from '../../shared/eastern-time';
import { parseCompanyTickers } from './submissions-json';

export interface TickerRefreshReport {
  date: string;
  mappings: number;
  /** Tickers whose most recent CIK changed with this refresh. */
  moved: { ticker: string; from: string; to: string }[];
  badEntries: number;
}

const CURSOR = 'tickers';

export async function refreshTickerMap(
  ctx: CrawlerContext,
  pool: pg.Pool,
  now: Date,
  signal?: AbortSignal,
): Promise<TickerRefreshReport> {
  const url = `${ctx.config.edgarBaseUrl}/files/company_tickers.json`;
  const { mappings, problems } = parseCompanyTickers(
    JSON.parse((await ctx.client.get(url, { signal })).body.toString('utf8')),
  );
  if (problems.length > 0) {
    ctx.metrics.badInput.inc({ source: 'tickers', reason: 'ticker_entry' }, problems.length);
    ctx.logger.warn('company_tickers.json entries not read', {
      url,
      count: problems.length,
      first: problems.slice(0, 5),
    });
  }
  const date = easternDate(now);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const before = await client.query<{ ticker: string; cik: string }>(
      `SELECT DISTINCT ON (ticker) ticker, cik FROM ticker_map ORDER BY ticker, last_seen DESC, first_seen DESC`,
    );
    await client.query(
      `INSERT INTO ticker_map (ticker, cik, title, first_seen, last_seen)
       SELECT t, c, n, $4::date, $4::date FROM unnest($1::text[], $2::text[], $3::text[]) AS x(t, c, n)
       ON CONFLICT (ticker, cik) DO UPDATE SET title = EXCLUDED.title, last_seen = GREATEST(ticker_map.last_seen, EXCLUDED.last_seen)`,
      [mappings.map((m) => m.ticker), mappings.map((m) => m.cik), mappings.map((m) => m.title), date],
    );
    await client.query('COMMIT');
    const previous = new Map(before.rows.map((r) => [r.ticker, r.cik]));
    const moved = mappings
      .filter((m) => previous.has(m.ticker) && previous.get(m.ticker) !== m.cik)
      .map((m) => ({ ticker: m.ticker, from: previous.get(m.ticker)!, to: m.cik }));
    for (const m of moved) {
      ctx.logger.info('ticker moved to another CIK', m);
    }
    await ctx.state.setCursor(CURSOR, { date, mappings: mappings.length });
    return { date, mappings: mappings.length, moved, badEntries: problems.length };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The CIK a ticker was most recently seen with, or null. */
export async function cikForTicker(pool: pg.Pool, ticker: string): Promise<string | null> {
  const { rows } = await pool.query<{ cik: string }>(
    `SELECT cik FROM ticker_map WHERE ticker = $1 ORDER BY last_seen DESC, first_seen DESC LIMIT 1`,
    [ticker.trim().toUpperCase()],
  );
  return rows[0]?.cik ?? null;
}

/** Whether the map was refreshed on the current Eastern day. */
export async function tickerMapIsFresh(ctx: CrawlerContext, now: Date): Promise<boolean> {
  const c = await ctx.state.getCursor<{ date: string }>(CURSOR);
  return c?.date === easternDate(now);
}
