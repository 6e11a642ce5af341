import pg from 'pg';

/**
 * Tables holding the pipeline's results, compared row by row between the clean and the faulted
 * run. Left out: the crawl ledger and job tables, loader_offsets (positions and attempts of this
 * run's topics) and the analysis cache and budget (the analysis stage is not part of a campaign).
 */
export const COMPARED_TABLES = [
  'filings',
  'filing_owners',
  'transactions',
  'holdings',
  'footnotes',
  'aggregator_rows',
  'aggregator_filings',
  'daily_summaries',
  'rolling_summaries',
  'insider_summaries',
  'cluster_events',
  'ticker_map',
] as const;

/** Columns that say when a row was written, not what it holds. */
const VOLATILE = ['loaded_at', 'updated_at', 'created_at', 'fetched_at'];

/** Each run's fake EDGAR listens on a port of its own; source URLs name it. */
const FAKE_EDGAR_URL = /http:\/\/127\.0\.0\.1:\d+\//g;

/** Every row of each table as canonical JSON text (volatile columns removed), sorted. */
export async function tableRows(databaseUrl: string): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const out = new Map<string, string[]>();
    const strip = VOLATILE.map((c) => ` - '${c}'`).join('');
    for (const table of COMPARED_TABLES) {
      const { rows } = await client.query<{ r: string }>(
        `SELECT (to_jsonb(t)${strip})::text AS r FROM ${pg.escapeIdentifier(table)} t ORDER BY 1`,
      );
      out.set(table, rows.map((x) => x.r.replace(FAKE_EDGAR_URL, 'http://fake-edgar/')).sort());
    }
    return out;
  } finally {
    await client.end();
  }
}

export interface TableDiff {
  table: string;
  cleanRows: number;
  chaosRows: number;
  /** Rows of the clean run missing from the faulted one. */
  lost: string[];
  /** Rows the faulted run has more often than the clean one (or that differ). */
  doubled: string[];
}

/** Multiset difference per table: what the faulted run lost and what it has twice (or different). */
export function diffTables(clean: Map<string, string[]>, chaos: Map<string, string[]>): TableDiff[] {
  return [...clean.keys()].map((table) => {
    const a = clean.get(table) ?? [];
    const b = chaos.get(table) ?? [];
    const counts = new Map<string, number>();
    for (const r of b) {
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const lost: string[] = [];
    for (const r of a) {
      const n = counts.get(r) ?? 0;
      if (n === 0) {
        lost.push(r);
      } else {
        counts.set(r, n - 1);
      }
    }
    const doubled = [...counts.entries()].flatMap(([r, n]) => Array.from({ length: n }, () => r));
    return { table, cleanRows: a.length, chaosRows: b.length, lost, doubled };
  });
}
