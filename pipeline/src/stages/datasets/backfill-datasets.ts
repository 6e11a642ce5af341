/**
 * `sec-tracker backfill --datasets`: each quarter's zip is located (disk or EDGAR), read whole
 * (zip-tables.ts), joined per accession and produced in chunks onto the parser's output topics.
 * A quarter produced whole is remembered in `dataset_quarters`, so a rerun skips it (resumable);
 * a quarter that fails (no zip, corrupt, missing table, unknown column) is reported and the next
 * one goes on: what earlier quarters loaded stays, and the failed one is tried again next run.
 * An interrupted quarter is produced again from its start on the next run, which the loader and
 * the aggregator absorb (records are keyed; a redelivered key rewrites the same row).
 */
import type pg from 'pg';
import type { Logger } from '../../shared/logger';
import { DatasetError } from './dataset-error';
import { quarterFilings } from './dataset-filing';
import type { DatasetOutcome } from './dataset-filing';
import { produceOutcomes } from './produce-filings';
import type { DatasetProducerDeps } from './produce-filings';
import type { ZipLocator } from './zip-sources';
import { readZipTables } from './zip-tables';

/** Filings per produce call: bounded memory for the encoded records, few round trips. */
export const CHUNK_FILINGS = 1000;

export interface DatasetBackfillDeps extends DatasetProducerDeps {
  pool: pg.Pool;
  logger: Logger;
  locate: ZipLocator;
}

export interface DatasetProgress {
  quartersTotal: number;
  /** Finished now or in an earlier run. */
  quartersDone: number;
  quartersFailed: number;
  /** The quarter being read or produced. */
  current: string | null;
  filings: number;
  rows: number;
  deadLetters: number;
}

export interface QuarterFailure {
  quarter: string;
  code: string;
  message: string;
}

export interface DatasetBackfillReport {
  progress: DatasetProgress;
  skipped: string[];
  failures: QuarterFailure[];
  interrupted: boolean;
}

async function finishedQuarters(pool: pg.Pool, quarters: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ quarter: string }>(
    'SELECT quarter FROM dataset_quarters WHERE quarter = ANY($1)',
    [quarters],
  );
  return new Set(rows.map((r) => r.quarter));
}

export async function runDatasetBackfill(
  deps: DatasetBackfillDeps,
  quarters: string[],
  o: { signal?: AbortSignal; onProgress?: (p: DatasetProgress) => void } = {},
): Promise<DatasetBackfillReport> {
  const done = await finishedQuarters(deps.pool, quarters);
  const progress: DatasetProgress = {
    quartersTotal: quarters.length,
    quartersDone: done.size,
    quartersFailed: 0,
    current: null,
    filings: 0,
    rows: 0,
    deadLetters: 0,
  };
  const failures: QuarterFailure[] = [];
  o.onProgress?.(progress);
  for (const quarter of quarters) {
    if (done.has(quarter)) {
      continue;
    }
    if (o.signal?.aborted) {
      break;
    }
    progress.current = quarter;
    o.onProgress?.(progress);
    try {
      await runQuarter(deps, quarter, progress, o);
      progress.quartersDone++;
    } catch (err) {
      if (o.signal?.aborted) {
        break;
      }
      if (!(err instanceof DatasetError)) {
        throw err;
      }
      progress.quartersFailed++;
      failures.push({ quarter, code: err.code, message: err.message });
      deps.logger.error('data-set quarter not loaded', { quarter, code: err.code, reason: err.message });
    }
    o.onProgress?.(progress);
  }
  progress.current = null;
  return {
    progress,
    skipped: quarters.filter((q) => done.has(q)),
    failures,
    interrupted: o.signal?.aborted === true,
  };
}

async function runQuarter(
  deps: DatasetBackfillDeps,
  quarter: string,
  progress: DatasetProgress,
  o: { signal?: AbortSignal; onProgress?: (p: DatasetProgress) => void },
): Promise<void> {
  const located = await deps.locate(quarter, o.signal);
  const tables = await readZipTables(located.zip, quarter);
  deps.logger.info('data-set quarter read', {
    quarter,
    source: located.location,
    filings: tables.SUBMISSION.lineCount,
  });
  const counts = { filings: 0, rows: 0, deadLetters: 0 };
  let chunk: DatasetOutcome[] = [];
  const flush = async () => {
    const c = await produceOutcomes(deps, quarter, tables, chunk);
    chunk = [];
    counts.filings += c.filings;
    counts.rows += c.rows;
    counts.deadLetters += c.deadLetters;
    progress.filings += c.filings;
    progress.rows += c.rows;
    progress.deadLetters += c.deadLetters;
    o.onProgress?.(progress);
  };
  for (const outcome of quarterFilings(tables, { quarter, source: located.location })) {
    chunk.push(outcome);
    if (chunk.length >= CHUNK_FILINGS) {
      await flush();
      o.signal?.throwIfAborted();
    }
  }
  await flush();
  await deps.pool.query(
    `INSERT INTO dataset_quarters (quarter, source, filings, rows, dead_letters) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (quarter) DO UPDATE SET source = EXCLUDED.source, filings = EXCLUDED.filings,
       rows = EXCLUDED.rows, dead_letters = EXCLUDED.dead_letters, finished_at = now()`,
    [quarter, located.location, counts.filings, counts.rows, counts.deadLetters],
  );
  deps.logger.info('data-set quarter produced', { quarter, ...counts });
}
