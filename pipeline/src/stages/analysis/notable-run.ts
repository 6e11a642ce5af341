import type { AvroCodec } from '../../shared/avro/registry';
import { sleepUnlessStopped } from '../../shared/backoff';
import type { DeadLetterSink } from '../../shared/dead-letter';
import type { PipelineError } from '../../shared/errors';
import type { BatchContext, InBatch, InMessage } from '../../shared/kafka/consumer';
import type { OutMessage, Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { ClusterEvent } from '../aggregator/model';
import type { FilingRecord } from '../parser/to-avro';
import { requestsForCluster, requestsForFiling } from './detect';
import type { DetectDeps } from './detect';
import { clusterLoaded } from './facts';
import { filingLoaded } from './facts-filing';
import type { AnalysisRequest } from './model';
import { clusterKey } from './request';
import { Stopping } from './run';

export interface NotableDeps extends DetectDeps {
  avro: AvroCodec;
  producer: Producer;
  deadLetters: DeadLetterSink;
  logger: Logger;
  /** How long to wait for the loader to commit a filing before going on without it. */
  loadWaitMs: number;
  topics: { filings: string; clusters: string; requests: string };
}

/**
 * The detector reads what the loader committed (the read model), so it waits for it; waiting
 * here delays analyses only, never loading. A shutdown during the wait leaves the batch unresolved.
 */
async function waitUntil(
  deps: NotableDeps,
  ctx: BatchContext,
  ready: () => Promise<boolean>,
): Promise<boolean> {
  const until = Date.now() + deps.loadWaitMs;
  for (let step = 250; ; step = Math.min(step * 2, 5000)) {
    if (await ready()) {
      return true;
    }
    if (!ctx.isRunning()) {
      throw new Stopping('waiting for the loader');
    }
    if (Date.now() >= until) {
      return false;
    }
    await sleepUnlessStopped(
      Math.min(step, until - Date.now()),
      () => !ctx.isRunning(),
      () => ctx.heartbeat(),
    );
  }
}

async function fromFiling(
  deps: NotableDeps,
  ctx: BatchContext,
  message: InMessage,
): Promise<AnalysisRequest[]> {
  const record = await deps.avro.decode<FilingRecord>(message.value!);
  const accession = record.accessionNumber;
  if (!accession) {
    deps.metrics.skipped.inc({ reason: 'no_accession' });
    return [];
  }
  if (!(await waitUntil(deps, ctx, () => filingLoaded(deps.pool, accession)))) {
    deps.logger.warn('filing not loaded in time; analysing what is loaded', {
      accession,
      waitedMs: deps.loadWaitMs,
    });
    deps.metrics.skipped.inc({ reason: 'load_timeout' });
  }
  return requestsForFiling(
    deps,
    { ...record, accessionNumber: accession },
    new Date(message.timestamp).toISOString(),
  );
}

async function fromCluster(
  deps: NotableDeps,
  ctx: BatchContext,
  message: InMessage,
): Promise<AnalysisRequest[]> {
  const event = await deps.avro.decode<ClusterEvent>(message.value!);
  if (!deps.rules.enabled.includes('cluster_buy')) {
    deps.metrics.skipped.inc({ reason: 'rule_disabled' });
    return [];
  }
  if (event.active && !(await waitUntil(deps, ctx, () => clusterLoaded(deps.pool, event)))) {
    deps.logger.warn('cluster members not loaded in time; analysing what is loaded', {
      cluster: clusterKey(event),
    });
    deps.metrics.skipped.inc({ reason: 'load_timeout' });
  }
  return requestsForCluster(deps, event, new Date(message.timestamp).toISOString());
}

/**
 * The detector's batch handler: parsed filings and cluster buys → analysis requests for what the
 * rules find notable. Requests are produced before the batch's offsets commit; a redelivered
 * batch produces the same requests again, which the analyst answers from its cache.
 */
export function createNotableHandler(
  deps: NotableDeps,
): (batch: InBatch, ctx: BatchContext) => Promise<void> {
  return async (batch, ctx) => {
    const out: OutMessage[] = [];
    for (const message of batch.messages) {
      if (message.value === null) {
        continue;
      }
      try {
        const requests =
          batch.topic === deps.topics.clusters
            ? await fromCluster(deps, ctx, message)
            : await fromFiling(deps, ctx, message);
        for (const request of requests) {
          out.push({ key: request.subjectKey, value: await deps.avro.encode(deps.topics.requests, request) });
        }
      } catch (err) {
        // Undecodable input or a request its schema rejects: dead-letter it; anything else is retried.
        if ((err as { retriable?: boolean }).retriable !== false) {
          throw err;
        }
        await deps.deadLetters.send(message, {
          code: (err as PipelineError).code,
          message: (err as Error).message,
        });
      }
    }
    await deps.producer.send(deps.topics.requests, out);
  };
}
