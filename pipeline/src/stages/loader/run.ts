import type pg from 'pg';
import type { AvroCodec } from '../../shared/avro/registry';
import type { DeadLetterSink } from '../../shared/dead-letter';
import type { CopyValue } from '../../shared/db/copy';
import type { InBatch } from '../../shared/kafka/consumer';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../shared/metrics/metrics';
import { copyAndMerge } from './merge';
import type { TableSpec } from './merge';
import { runOffsetBatch } from '../../shared/db/offset-batch';
import type { Decoded, Rejected } from '../../shared/db/offset-batch';
import type { LoadedRowKey } from '../../shared/cache/loaded-rows';
import type { RecordSink } from './sinks';
import { loaderMetrics } from './loader-metrics';
import type { LoaderMetrics } from './loader-metrics';

export interface LoaderDeps {
  pool: pg.Pool;
  avro: AvroCodec;
  deadLetters: DeadLetterSink;
  logger: Logger;
  metrics: Metrics;
  groupId: string;
  /** Sinks by topic name. */
  sinks: Map<string, RecordSink>;
  /** Told which issuers (CIKs) changed after each commit (cache invalidation). */
  onCommitted?(issuerCiks: Set<string>): Promise<void>;
  /** Told which transaction rows a batch committed, in batch order (the /stream feed). */
  onRowsCommitted?(rows: LoadedRowKey[]): Promise<void>;
}

/** One record, read into the table rows it becomes. */
interface LoaderRecord {
  /** The decoded record (a sink may decide a stored version wins over it, see supersede). */
  record: unknown;
  tables: { spec: TableSpec; rows: CopyValue[][] }[];
  issuerCiks: string[];
  /** Set on records that stand for a whole filing (see RecordSink.acceptedAt). */
  acceptedAt: string | null;
}

/** Postgres errors that no retry can fix: data exceptions (22xxx) and constraint violations (23xxx). */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

type Item = Decoded<LoaderRecord>;

async function mergeAll(client: pg.PoolClient, items: Item[]): Promise<void> {
  const byTable = new Map<string, { spec: TableSpec; rows: CopyValue[][] }>();
  for (const item of items) {
    for (const t of item.value.tables) {
      const entry = byTable.get(t.spec.table) ?? { spec: t.spec, rows: [] };
      entry.rows.push(...t.rows);
      byTable.set(t.spec.table, entry);
    }
  }
  for (const { spec, rows } of byTable.values()) {
    await copyAndMerge(client, spec, rows);
  }
}

/**
 * Merges the batch in one go; if bad data makes that fail, merges record by record under
 * savepoints and returns the records that still fail, so one poison record never blocks the rest.
 */
async function mergeOrIsolate(client: pg.PoolClient, items: Item[]): Promise<Rejected[]> {
  try {
    await client.query('SAVEPOINT batch');
    await mergeAll(client, items);
    return [];
  } catch (err) {
    if (!isDataError(err)) {
      throw err;
    }
    await client.query('ROLLBACK TO SAVEPOINT batch');
  }
  const rejected: Rejected[] = [];
  for (const item of items) {
    try {
      await client.query('SAVEPOINT one');
      await mergeAll(client, [item]);
    } catch (err) {
      if (!isDataError(err)) {
        throw err;
      }
      await client.query('ROLLBACK TO SAVEPOINT one');
      rejected.push({ message: item.message, code: 'CONSTRAINT', reason: (err as Error).message });
    }
  }
  return rejected;
}

/**
 * The loader's batch handler, on the shared offsets-in-Postgres skeleton (runOffsetBatch): rows
 * and the partition's next offset commit in one transaction. A batch that fails on bad data is
 * retried record by record under savepoints, and the records that still fail go to the
 * dead-letter topic, so one poison record never blocks its partition.
 */
export function createLoaderHandler(deps: LoaderDeps): (batch: InBatch) => Promise<void> {
  const m = loaderMetrics(deps.metrics);
  const { records: loaded, recordAge: lag } = m;
  return async (batch) => {
    const sink = deps.sinks.get(batch.topic);
    if (!sink) {
      throw new Error(`loader has no sink for topic ${batch.topic}`);
    }
    const outcome = await runOffsetBatch(
      { ...deps, timeTransaction: () => m.transactionSeconds.startTimer() },
      batch,
      {
        undecodableCode: 'UNDECODABLE',
        async decode(message): Promise<LoaderRecord> {
          const record = await deps.avro.decode<unknown>(message.value ?? Buffer.alloc(0));
          return {
            record,
            tables: sink.toTables(record),
            issuerCiks: sink.issuers(record),
            acceptedAt: sink.acceptedAt?.(record) ?? null,
          };
        },
        async apply(client, unseen) {
          // An xml version of a filing wins over a dataset version (see supersede.ts).
          const keep = sink.supersede
            ? await sink.supersede(
                client,
                unseen.map((d) => d.value.record),
              )
            : unseen.map(() => true);
          const kept = unseen.filter((_, i) => keep[i]);
          return { result: kept, rejected: await mergeOrIsolate(client, kept) };
        },
      },
    );
    if (outcome === null) {
      return;
    }
    const superseded = outcome.fresh.length - outcome.result.length;
    const loadedItems = outcome.result.filter((d) => !outcome.dead.some((r) => r.message === d.message));
    loaded.inc({ topic: batch.topic, outcome: 'loaded' }, loadedItems.length);
    loaded.inc({ topic: batch.topic, outcome: 'dead-letter' }, outcome.dead.length);
    loaded.inc({ topic: batch.topic, outcome: 'redelivered-skip' }, outcome.skipped);
    loaded.inc({ topic: batch.topic, outcome: 'superseded' }, superseded);
    const now = Date.now();
    const issuerCiks = new Set<string>();
    for (const d of loadedItems) {
      lag.observe((now - d.message.timestamp) / 1000);
      for (const cik of d.value.issuerCiks) {
        issuerCiks.add(cik);
      }
    }
    if (issuerCiks.size > 0 && deps.onCommitted) {
      await deps
        .onCommitted(issuerCiks)
        .catch((err: unknown) => deps.logger.warn('cache invalidation failed', { err }));
    }
    const rows = transactionKeys(loadedItems);
    if (rows.length > 0 && deps.onRowsCommitted) {
      await deps
        .onRowsCommitted(rows)
        .catch((err: unknown) =>
          deps.logger.warn('publishing loaded rows failed', { err, rows: rows.length }),
        );
    }
    observeEndToEnd(m, loadedItems);
  };
}

/** The keys of the `transactions` rows the loaded records produced, in batch order. */
function transactionKeys(loaded: readonly Item[]): LoadedRowKey[] {
  const keys: LoadedRowKey[] = [];
  for (const d of loaded) {
    for (const t of d.value.tables) {
      if (t.spec.table === 'transactions') {
        const accession = t.spec.columns.indexOf('accession_number');
        const position = t.spec.columns.indexOf('position');
        for (const row of t.rows) {
          keys.push({ accessionNumber: String(row[accession]), position: Number(row[position]) });
        }
      }
    }
  }
  return keys;
}

/** See LoaderMetrics.endToEnd: called once the batch is committed and the API cache bumped. */
function observeEndToEnd(m: LoaderMetrics, loaded: readonly Item[]): void {
  const now = Date.now();
  for (const d of loaded) {
    const accepted = d.value.acceptedAt === null ? NaN : Date.parse(d.value.acceptedAt);
    if (Number.isFinite(accepted)) {
      m.endToEnd.observe({ source: d.message.headers['crawl-source'] ?? 'unknown' }, (now - accepted) / 1000);
    }
  }
}
