import type { Config } from '../config/config';
import { createKafka } from '../shared/kafka/client';
import type { Logger } from '../shared/logger';
import { createMetrics } from '../shared/metrics/metrics';
import type { Metrics } from '../shared/metrics/metrics';
import { startMetricsServer } from '../shared/metrics/server';
import { startAggregatorStage } from './aggregator';
import type { AggregatorStageConfig } from './aggregator';
import { startAnalysisStage } from './analysis';
import type { AnalysisStageConfig } from './analysis';
import { startCrawlerStage } from './crawler';
import type { CrawlerStageConfig } from './crawler';
import { startLoaderStage } from './loader';
import type { LoaderStageConfig } from './loader';
import { startParserStage } from './parser';
import type { ParserStageConfig } from './parser';
import type { RunningStage } from './stage';
import type { StageName } from '../topics';

export const STAGE_NAMES = ['crawler', 'parser', 'aggregator', 'loader', 'analysis'] as const;
export type PipelineStage = (typeof STAGE_NAMES)[number];

/** The stage that runs a consumer group: the analysis stage runs two (notable, analysis). */
export function stageOfGroup(group: StageName): PipelineStage {
  return group === 'notable' ? 'analysis' : group;
}

/**
 * What a pipeline process reads of the config: each stage's slice (declared beside the stage's
 * wiring, so its needs show in its signature), the Kafka client and the /metrics server.
 */
export type PipelineConfig = ParserStageConfig &
  LoaderStageConfig &
  AggregatorStageConfig &
  AnalysisStageConfig &
  CrawlerStageConfig &
  Pick<Config, 'kafkaBrokers' | 'kafkaClientId' | 'metricsPort' | 'metricsHost'>;

export interface RunningPipeline {
  readonly metrics: Metrics;
  readonly metricsPort: number;
  /** Settles if a stage's consumer gave up: close the pipeline and exit non-zero. */
  readonly failed: Promise<Error>;
  close(): Promise<void>;
}

/**
 * Starts the named stages in this process with one metrics registry and /metrics server. If a
 * stage fails to start, the ones already started are closed before the error propagates.
 */
export async function runStages(
  config: PipelineConfig,
  logger: Logger,
  stages: readonly PipelineStage[],
  options: { demo?: boolean; metrics?: Metrics; metricsPort?: number } = {},
): Promise<RunningPipeline> {
  const metrics = options.metrics ?? createMetrics({ process: stages.join('+') });
  const kafka = createKafka(config, logger);
  const started: RunningStage[] = [];
  const closeAll = async () => {
    for (const s of [...started].reverse()) {
      await s.close().catch((err: unknown) => logger.error('stage close failed', { stage: s.name, err }));
    }
  };
  try {
    // Downstream first, so nothing the upstream stages produce waits long for a consumer.
    if (stages.includes('loader')) {
      started.push(await startLoaderStage(config, kafka, logger, metrics));
    }
    if (stages.includes('analysis')) {
      started.push(await startAnalysisStage(config, kafka, logger, metrics));
    }
    if (stages.includes('aggregator')) {
      started.push(await startAggregatorStage(config, kafka, logger, metrics));
    }
    if (stages.includes('parser')) {
      started.push(await startParserStage(config, kafka, logger, metrics));
    }
    if (stages.includes('crawler')) {
      started.push(await startCrawlerStage(config, kafka, logger, metrics, { demo: options.demo }));
    }
  } catch (err) {
    await closeAll();
    throw err;
  }
  const server = await startMetricsServer(
    metrics,
    options.metricsPort ?? config.metricsPort,
    config.metricsHost,
  );
  logger.info('stages running', { stages, metrics: `http://127.0.0.1:${server.port}/metrics` });
  return {
    metrics,
    metricsPort: server.port,
    failed: Promise.race(started.flatMap((s) => (s.failed ? [s.failed] : []))),
    async close() {
      await closeAll();
      await server.close();
    },
  };
}
