import type pg from 'pg';
import type { AvroCodec } from '../../shared/avro/registry';
import type { DeadLetterSink } from '../../shared/dead-letter';
import type { CopyValue } from '../../shared/db/copy';
import type { InBatch, InMessage } from '../../shared/kafka/consumer';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../shared/metrics/metrics';
import { copyAndMerge } from './merge';
import type { TableSpec } from './merge';
import { lockNextOffset, saveNextOffset } from '../../shared/db/stored-offsets';
import type { RecordSink } from './sinks';

export interface LoaderDeps {
  pool: pg.Pool;
  avro: AvroCodec;
  deadLetters: DeadLetterSink;
  logger: Logger;
  metrics: Metrics;
  groupId: string;
  /** Sinks by topic name. */
  sinks: Map<string, RecordSink>;
  /** Told which issuers changed after each commit (cache invalidation). */
  onCommitted?(tickers: Set<string>): Promise<void>;
}

interface Decoded {
  message: InMessage;
  tables: { spec: TableSpec; rows: CopyValue[][] }[];
  tickers: string[];
}

/** Postgres errors that no retry can fix: data exceptions (22xxx) and constraint violations (23xxx). */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

async function mergeAll(client: pg.PoolClient, items: Decoded[]): Promise<void> {
  const byTable = new Map<string, { spec: TableSpec; rows: CopyValue[][] }>();
  for (const item of items) {
    for (const t of item.tables) {
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
 * The loader's batch handler. Rows and the partition's next offset commit in one Postgres
 * transaction; messages below the stored offset (a redelivery) are skipped. A batch that fails on
 * bad data is retried record by record under savepoints, and the records that still fail go to
 * the dead-letter topic, so one poison record never blocks its partition.
 */
export function createLoaderHandler(deps: LoaderDeps): (batch: InBatch) => Promise<void> {
  const loaded = deps.metrics.counter({
    name: 'sec_tracker_loader_records_total',
    help: 'Records loaded',
    labelNames: ['topic', 'outcome'],
  });
  const lag = deps.metrics.histogram({
    name: 'sec_tracker_loader_end_to_end_lag_seconds',
    help: 'Time from a record being produced to it being committed in Postgres',
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
  });
  return async (batch) => {
    const sink = deps.sinks.get(batch.topic);
    if (!sink) {
      throw new Error(`loader has no sink for topic ${batch.topic}`);
    }
    const decoded: Decoded[] = [];
    const rejected: { message: InMessage; code: string; reason: string }[] = [];
    for (const message of batch.messages) {
      try {
        const record = await deps.avro.decode<unknown>(message.value ?? Buffer.alloc(0));
        decoded.push({ message, tables: sink.toTables(record), tickers: sink.tickers(record) });
      } catch (err) {
        if ((err as { retriable?: boolean }).retriable === true) {
          throw err;
        }
        rejected.push({
          message,
          code: 'UNDECODABLE',
          reason: err instanceof Error ? err.message : String(err),
        });
      }
    }
    const last = batch.messages[batch.messages.length - 1];
    if (!last) {
      return;
    }
    const client = await deps.pool.connect();
    let releaseError: Error | undefined;
    const tickers = new Set<string>();
    try {
      await client.query('BEGIN');
      const next = await lockNextOffset(client, deps.groupId, batch.topic, batch.partition);
      const fresh = decoded.filter((d) => BigInt(d.message.offset) >= next);
      const freshRejected = rejected.filter((r) => BigInt(r.message.offset) >= next);
      try {
        await client.query('SAVEPOINT batch');
        await mergeAll(client, fresh);
      } catch (err) {
        if (!isDataError(err)) {
          throw err;
        }
        await client.query('ROLLBACK TO SAVEPOINT batch');
        for (const item of fresh) {
          try {
            await client.query('SAVEPOINT one');
            await mergeAll(client, [item]);
          } catch (oneErr) {
            if (!isDataError(oneErr)) {
              throw oneErr;
            }
            await client.query('ROLLBACK TO SAVEPOINT one');
            freshRejected.push({
              message: item.message,
              code: 'CONSTRAINT',
              reason: (oneErr as Error).message,
            });
            item.tickers = [];
          }
        }
      }
      // Dead letters are produced before COMMIT: if the process dies in between, the batch is
      // redone and the dead letter sent twice, which is the safe direction (never lost).
      for (const r of freshRejected) {
        await deps.deadLetters.send(r.message, { code: r.code, message: r.reason });
      }
      await saveNextOffset(client, deps.groupId, batch.topic, batch.partition, BigInt(last.offset) + 1n);
      await client.query('COMMIT');
      for (const d of fresh) {
        for (const t of d.tickers) {
          tickers.add(t);
        }
      }
      loaded.inc(
        { topic: batch.topic, outcome: 'loaded' },
        fresh.length - freshRejected.filter((r) => r.code === 'CONSTRAINT').length,
      );
      loaded.inc({ topic: batch.topic, outcome: 'dead-letter' }, freshRejected.length);
      loaded.inc(
        { topic: batch.topic, outcome: 'redelivered-skip' },
        batch.messages.length - fresh.length - freshRejected.filter((r) => r.code === 'UNDECODABLE').length,
      );
      const now = Date.now();
      for (const d of fresh) {
        lag.observe((now - d.message.timestamp) / 1000);
      }
    } catch (err) {
      // A failed ROLLBACK means the connection itself is gone: release it destroyed, not pooled.
      releaseError = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackErr: unknown) =>
          rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr)),
      );
      throw err;
    } finally {
      client.release(releaseError);
    }
    if (tickers.size > 0 && deps.onCommitted) {
      await deps
        .onCommitted(tickers)
        .catch((err: unknown) => deps.logger.warn('cache invalidation failed', { err }));
    }
  };
}
