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
import { inTransaction } from '../../shared/db/transaction';
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
}

interface Decoded {
  message: InMessage;
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

interface Rejected {
  message: InMessage;
  code: string;
  reason: string;
}

/**
 * Merges the batch in one go; if bad data makes that fail, merges record by record under
 * savepoints and returns the records that still fail, so one poison record never blocks the rest.
 */
async function mergeOrIsolate(client: pg.PoolClient, items: Decoded[]): Promise<Rejected[]> {
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
 * The loader's batch handler. Rows and the partition's next offset commit in one Postgres
 * transaction; messages below the stored offset (a redelivery) are skipped. A batch that fails on
 * bad data is retried record by record under savepoints, and the records that still fail go to
 * the dead-letter topic, so one poison record never blocks its partition.
 */
export function createLoaderHandler(deps: LoaderDeps): (batch: InBatch) => Promise<void> {
  const m = loaderMetrics(deps.metrics);
  const { records: loaded, recordAge: lag } = m;
  return async (batch) => {
    const sink = deps.sinks.get(batch.topic);
    if (!sink) {
      throw new Error(`loader has no sink for topic ${batch.topic}`);
    }
    const decoded: Decoded[] = [];
    const rejected: Rejected[] = [];
    for (const message of batch.messages) {
      try {
        const record = await deps.avro.decode<unknown>(message.value ?? Buffer.alloc(0));
        decoded.push({
          message,
          record,
          tables: sink.toTables(record),
          issuerCiks: sink.issuers(record),
          acceptedAt: sink.acceptedAt?.(record) ?? null,
        });
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
    const committed = m.transactionSeconds.startTimer();
    const outcome = await inTransaction(deps.pool, async (client) => {
      const next = await lockNextOffset(client, deps.groupId, batch.topic, batch.partition);
      const unseen = decoded.filter((d) => BigInt(d.message.offset) >= next);
      const dead = rejected.filter((r) => BigInt(r.message.offset) >= next);
      const skipped = batch.messages.length - unseen.length - dead.length;
      // An xml version of a filing wins over a dataset version (see supersede.ts).
      const keep = sink.supersede
        ? await sink.supersede(
            client,
            unseen.map((d) => d.record),
          )
        : unseen.map(() => true);
      const fresh = unseen.filter((_, i) => keep[i]);
      const superseded = unseen.length - fresh.length;
      dead.push(...(await mergeOrIsolate(client, fresh)));
      // Dead letters are produced before COMMIT: if the process dies in between, the batch is
      // redone and the dead letter sent twice, which is the safe direction (never lost).
      for (const r of dead) {
        await deps.deadLetters.send(r.message, { code: r.code, message: r.reason });
      }
      await saveNextOffset(client, deps.groupId, batch.topic, batch.partition, BigInt(last.offset) + 1n);
      return { fresh, dead, skipped, superseded };
    });
    committed();
    const loadedItems = outcome.fresh.filter((d) => !outcome.dead.some((r) => r.message === d.message));
    loaded.inc({ topic: batch.topic, outcome: 'loaded' }, loadedItems.length);
    loaded.inc({ topic: batch.topic, outcome: 'dead-letter' }, outcome.dead.length);
    loaded.inc({ topic: batch.topic, outcome: 'redelivered-skip' }, outcome.skipped);
    loaded.inc({ topic: batch.topic, outcome: 'superseded' }, outcome.superseded);
    const now = Date.now();
    const issuerCiks = new Set<string>();
    for (const d of loadedItems) {
      lag.observe((now - d.message.timestamp) / 1000);
      for (const cik of d.issuerCiks) {
        issuerCiks.add(cik);
      }
    }
    if (issuerCiks.size > 0 && deps.onCommitted) {
      await deps
        .onCommitted(issuerCiks)
        .catch((err: unknown) => deps.logger.warn('cache invalidation failed', { err }));
    }
    observeEndToEnd(m, loadedItems);
  };
}

/** See LoaderMetrics.endToEnd: called once the batch is committed and the API cache bumped. */
function observeEndToEnd(m: LoaderMetrics, loaded: readonly Decoded[]): void {
  const now = Date.now();
  for (const d of loaded) {
    const accepted = d.acceptedAt === null ? NaN : Date.parse(d.acceptedAt);
    if (Number.isFinite(accepted)) {
      m.endToEnd.observe({ source: d.message.headers['crawl-source'] ?? 'unknown' }, (now - accepted) / 1000);
    }
  }
}
