import type pg from 'pg';
import type { AvroCodec } from '../../shared/avro/registry';
import type { DeadLetterSink } from '../../shared/dead-letter';
import type { InBatch, InMessage } from '../../shared/kafka/consumer';
import type { OutMessage, Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../shared/metrics/metrics';
import type { FilingRecord, RowRecord } from '../parser/to-avro';
import { aggregatorMetrics } from './aggregator-metrics';
import { recomputeIssuer, rowScope } from './aggregate';
import { filingChange, rowChange } from './from-records';
import type { FilingChange, RowChange } from './from-records';
import type { ClusterRules } from './model';
import { changedOutputs } from './outputs';
import type { AggregateOutput, OutputKind } from './outputs';
import { runOffsetBatch } from '../../shared/db/offset-batch';
import type { Decoded } from '../../shared/db/offset-batch';
import { lockIssuers, previousOutputs, saveOutputs } from './state-outputs';
import { loadContexts, loadPurchaseRows, loadRows } from './state-read';
import { addChanged, applyFilingChanges, applyRowChanges } from './state-rows';
import type { ChangedDays } from './state-rows';

export interface AggregatorTopics {
  rows: string;
  filings: string;
  daily: string;
  rolling: string;
  insider: string;
  clusters: string;
}

export interface AggregatorDeps {
  pool: pg.Pool;
  avro: AvroCodec;
  producer: Producer;
  deadLetters: DeadLetterSink;
  logger: Logger;
  metrics: Metrics;
  /** Consumer group; also the owner of this stage's rows in loader_offsets. */
  groupId: string;
  topics: AggregatorTopics;
  rules: ClusterRules;
}

type Change = { row?: RowChange; filing?: FilingChange };

async function decode(deps: AggregatorDeps, message: InMessage): Promise<Change> {
  // The parser never deletes; a tombstone would only say "forget this key", which changes nothing here.
  if (message.value === null) {
    return {};
  }
  if (message.topic === deps.topics.rows) {
    return { row: rowChange(await deps.avro.decode<RowRecord>(message.value)) };
  }
  return { filing: filingChange(await deps.avro.decode<FilingRecord>(message.value)) };
}

function merge(into: ChangedDays, from: ChangedDays): void {
  for (const [issuer, days] of from) {
    for (const day of days) {
      addChanged(into, issuer, day);
    }
  }
}

async function recompute(
  client: pg.PoolClient,
  deps: AggregatorDeps,
  issuerCik: string,
  days: string[],
): Promise<AggregateOutput[]> {
  const scope = rowScope(days);
  if (scope === null) {
    return [];
  }
  const rows = await loadRows(client, issuerCik, scope.from, scope.to);
  const purchaseRows = await loadPurchaseRows(client, issuerCik);
  const contexts = await loadContexts(
    client,
    [...rows, ...purchaseRows].map((r) => r.accessionNumber),
  );
  const previous = await previousOutputs(client, issuerCik, days);
  const outputs = recomputeIssuer({
    issuerCik,
    changedDays: days,
    rows,
    purchaseRows,
    contexts,
    previous,
    rules: deps.rules,
  });
  return changedOutputs(outputs, previous);
}

async function produce(deps: AggregatorDeps, outputs: readonly AggregateOutput[]): Promise<void> {
  const topicOf: Record<OutputKind, string> = {
    daily: deps.topics.daily,
    rolling: deps.topics.rolling,
    insider: deps.topics.insider,
    cluster: deps.topics.clusters,
  };
  const byTopic = new Map<string, OutMessage[]>();
  for (const o of outputs) {
    const topic = topicOf[o.output];
    const message = {
      key: o.key,
      value: await deps.avro.encode(topic, o.record),
      headers: { 'issuer-cik': o.issuerCik },
    };
    const messages = byTopic.get(topic);
    if (messages) {
      messages.push(message);
    } else {
      byTopic.set(topic, [message]);
    }
  }
  for (const [topic, messages] of byTopic) {
    await deps.producer.send(topic, messages);
  }
}

/** Applies the fresh changes to the state, then recomputes, produces and saves what changed. */
async function applyChanges(
  client: pg.PoolClient,
  deps: AggregatorDeps,
  fresh: readonly Decoded<Change>[],
): Promise<AggregateOutput[]> {
  const issuers = fresh.flatMap(({ value: d }) => [
    ...(d.row ? [d.row.keep ? d.row.row.issuerCik : d.row.issuerCik] : []),
    ...(d.filing ? [d.filing.issuerCik] : []),
  ]);
  await lockIssuers(client, [...new Set(issuers)]);
  const changed = await applyRowChanges(
    client,
    fresh.flatMap(({ value: d }) => (d.row ? [d.row] : [])),
  );
  merge(
    changed,
    await applyFilingChanges(
      client,
      fresh.flatMap(({ value: d }) => (d.filing ? [d.filing] : [])),
    ),
  );
  const all: AggregateOutput[] = [];
  for (const [issuerCik, days] of changed) {
    all.push(...(await recompute(client, deps, issuerCik, [...days])));
  }
  // One send per output topic and one write for the whole batch, not one per issuer: a batch of
  // history touches hundreds of issuers, and each send waits for every in-sync replica.
  await produce(deps, all);
  await saveOutputs(client, all);
  return all;
}

/**
 * The aggregator's batch handler, for both input topics (rows and filings), on the shared
 * offsets-in-Postgres skeleton (runOffsetBatch). In its transaction: lock the batch's issuers,
 * apply the changes to the state, recompute the affected days of each issuer from state, produce
 * the aggregates that changed and remember them. Produced-but-uncommitted aggregates (a crash
 * before COMMIT) are recomputed and produced again: the topics are compacted by key, so the
 * repeat is harmless. Records that fail validation go to the dead-letter topic.
 */
export function createAggregatorHandler(deps: AggregatorDeps): (batch: InBatch) => Promise<void> {
  const { records, outputs: produced, transactionSeconds } = aggregatorMetrics(deps.metrics);
  return async (batch) => {
    const outcome = await runOffsetBatch(
      { ...deps, timeTransaction: () => transactionSeconds.startTimer() },
      batch,
      {
        undecodableCode: 'INVALID_RECORD',
        decode: (message) => decode(deps, message),
        apply: async (client, fresh) => ({ result: await applyChanges(client, deps, fresh), rejected: [] }),
      },
    );
    if (outcome === null) {
      return;
    }
    for (const o of outcome.result) {
      produced.inc({ output: o.output });
    }
    records.inc({ topic: batch.topic, outcome: 'aggregated' }, outcome.fresh.length);
    records.inc({ topic: batch.topic, outcome: 'dead-letter' }, outcome.dead.length);
    records.inc({ topic: batch.topic, outcome: 'redelivered-skip' }, outcome.skipped);
  };
}
