import type { AvroCodec } from '../../shared/avro/registry';
import { mapWithConcurrency } from '../../shared/concurrency';
import type { DeadLetterSink } from '../../shared/dead-letter';
import { PipelineError } from '../../shared/errors';
import type { BatchContext, InBatch, InMessage } from '../../shared/kafka/consumer';
import type { Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { AnalysisMetrics } from './analysis-metrics';
import type { Analyst } from './analyst';
import type { AnalysisRequest, AnalysisResult } from './model';

export interface AnalystStageDeps {
  avro: AvroCodec;
  producer: Producer;
  deadLetters: DeadLetterSink;
  logger: Logger;
  metrics: AnalysisMetrics;
  analyst: Analyst;
  /** Requests analysed at once (ANALYSIS_CONCURRENCY). */
  concurrency: number;
  topics: { results: string };
}

/** The key results are compacted and merged on: one row per subject, model and prompt version. */
export function resultKey(
  r: Pick<AnalysisResult, 'subjectKind' | 'subjectKey' | 'model' | 'promptVersion'>,
): string {
  return `${r.subjectKind}|${r.subjectKey}|${r.model}|${r.promptVersion}`;
}

/** The consumer is stopping mid-batch: retriable, so the batch is not resolved and is redone after a restart. */
export class Stopping extends PipelineError {
  constructor(doing: string) {
    super(`stopping while ${doing}; the batch is redone after the restart`, 'STOPPING', true);
  }
}

/**
 * The analyst's batch handler: requests → results, ANALYSIS_CONCURRENCY at a time. Results are
 * produced before the batch's offsets commit; a batch cut short by a crash or a stop is redone,
 * and what was already answered comes from the content-hash cache at no cost.
 */
export function createAnalystHandler(
  deps: AnalystStageDeps,
): (batch: InBatch, ctx: BatchContext) => Promise<void> {
  return async (batch, ctx) => {
    const requests: { message: InMessage; request: AnalysisRequest }[] = [];
    for (const message of batch.messages) {
      if (message.value === null) {
        continue;
      }
      try {
        requests.push({ message, request: await deps.avro.decode<AnalysisRequest>(message.value) });
      } catch (err) {
        if ((err as { retriable?: boolean }).retriable !== false) {
          throw err;
        }
        await deps.deadLetters.send(message, { code: 'UNDECODABLE', message: (err as Error).message });
      }
    }
    const results = await mapWithConcurrency(requests, deps.concurrency, async ({ request }) => {
      if (!ctx.isRunning()) {
        throw new Stopping('analysing');
      }
      const result = await deps.analyst.analyze(request);
      if (result.status === 'failed') {
        deps.logger.warn('analysis failed', {
          subject: `${result.subjectKind} ${result.subjectKey}`,
          errorCode: result.errorCode,
          error: result.error,
        });
      }
      return result;
    });
    const out = [];
    for (const result of results) {
      out.push({ key: resultKey(result), value: await deps.avro.encode(deps.topics.results, result) });
    }
    await deps.producer.send(deps.topics.results, out);
    const now = Date.now();
    for (const { message } of requests) {
      deps.metrics.lag.observe((now - message.timestamp) / 1000);
    }
  };
}
