import type pg from 'pg';
import type { AvroCodec } from '../../shared/avro/registry';
import { sleepUnlessStopped } from '../../shared/backoff';
import type { DeadLetterSink } from '../../shared/dead-letter';
import { PipelineError } from '../../shared/errors';
import type { BatchContext, InBatch, InMessage } from '../../shared/kafka/consumer';
import type { OutMessage, Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { ClusterEvent } from '../aggregator/model';
import type { FilingRecord } from '../parser/to-avro';
import type { AnalysisMetrics } from './analysis-metrics';
import { clusterLoaded, loadClusterFacts, loadFilingFacts } from './facts';
import { filingLoaded, hasAnalysis, laterFilings } from './facts-filing';
import type { AnalysisRequest } from './model';
import { buildRequest, clusterContext, clusterKey, withdrawalRequest } from './request';
import { clusterReason, notableReasons } from './rules';
import type { NotableRules } from './rules';

export interface NotableDeps {
  pool: pg.Pool;
  avro: AvroCodec;
  producer: Producer;
  deadLetters: DeadLetterSink;
  logger: Logger;
  metrics: AnalysisMetrics;
  rules: NotableRules;
  /** How long to wait for the loader to commit a filing before going on without it. */
  loadWaitMs: number;
  topics: { filings: string; clusters: string; requests: string };
}

/** Forms that report transactions; a Form 3 only states holdings. */
const TRADING_FORMS = new Set(['4', '4/A', '5', '5/A']);

class Stopping extends PipelineError {
  constructor() {
    super('stopping while waiting for the loader', 'STOPPING', true);
  }
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
      throw new Stopping();
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

/** The request for one loaded filing if the rules find it notable, else a withdrawal if it had an analysis. */
async function evaluate(
  deps: NotableDeps,
  accession: string,
  requestedAt: string,
  retire: boolean,
): Promise<AnalysisRequest | null> {
  const facts = await loadFilingFacts(deps.pool, accession, { historyYears: deps.rules.firstPurchaseYears });
  const reasons = facts ? notableReasons(facts, deps.rules) : [];
  if (facts && reasons.length > 0) {
    for (const r of reasons) {
      deps.metrics.notable.inc({ rule: r.rule });
    }
    return buildRequest({ kind: 'filing', key: accession }, facts, reasons, {
      origin: 'notable',
      requestedAt,
    });
  }
  deps.metrics.skipped.inc({ reason: facts ? 'not_notable' : 'not_loaded' });
  const subject = { kind: 'filing' as const, key: accession };
  return facts && retire && (await hasAnalysis(deps.pool, subject.kind, subject.key))
    ? withdrawalRequest(subject, facts.issuer, null, requestedAt)
    : null;
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
  const requestedAt = new Date(message.timestamp).toISOString();
  const own = TRADING_FORMS.has(record.documentType)
    ? await evaluate(deps, accession, requestedAt, false)
    : null;
  if (!TRADING_FORMS.has(record.documentType)) {
    deps.metrics.skipped.inc({ reason: 'no_trades' });
  }
  const later = record.acceptedAt
    ? await laterFilings(deps.pool, {
        accession,
        issuerCik: record.issuer.cik,
        ownerCiks: record.reportingOwners.map((o) => o.cik),
        acceptedAt: record.acceptedAt,
      })
    : [];
  const again = [];
  for (const next of later) {
    again.push(await evaluate(deps, next, requestedAt, true));
  }
  return [own, ...again].filter((r): r is AnalysisRequest => r !== null);
}

async function fromCluster(
  deps: NotableDeps,
  ctx: BatchContext,
  message: InMessage,
): Promise<AnalysisRequest[]> {
  const event = await deps.avro.decode<ClusterEvent>(message.value!);
  const requestedAt = new Date(message.timestamp).toISOString();
  if (!deps.rules.enabled.includes('cluster_buy')) {
    deps.metrics.skipped.inc({ reason: 'rule_disabled' });
    return [];
  }
  if (!event.active) {
    const issuer = { cik: event.issuerCik, name: null, ticker: event.issuerTicker };
    return [
      withdrawalRequest(
        { kind: 'cluster', key: clusterKey(event) },
        issuer,
        clusterContext(event),
        requestedAt,
      ),
    ];
  }
  if (!(await waitUntil(deps, ctx, () => clusterLoaded(deps.pool, event)))) {
    deps.logger.warn('cluster members not loaded in time; analysing what is loaded', {
      cluster: clusterKey(event),
    });
    deps.metrics.skipped.inc({ reason: 'load_timeout' });
  }
  const facts = await loadClusterFacts(deps.pool, event);
  deps.metrics.notable.inc({ rule: 'cluster_buy' });
  const reason = clusterReason(facts.cluster!, facts.issuer.ticker ?? event.issuerCik);
  return [
    buildRequest({ kind: 'cluster', key: clusterKey(event) }, facts, [reason], {
      origin: 'notable',
      requestedAt,
    }),
  ];
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
