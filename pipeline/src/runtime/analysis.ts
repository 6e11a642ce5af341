import type { Config } from '../config/config';
import { SCHEMAS_DIR } from '../paths';
import { createAvroCodec } from '../shared/avro/registry';
import { createDeadLetterSink } from '../shared/dead-letter';
import { createPool } from '../shared/db/pool';
import type { KafkaClient } from '../shared/kafka/client';
import { startBatchConsumer } from '../shared/kafka/consumer';
import { createProducer } from '../shared/kafka/producer';
import { createLlmClient, DEFAULT_BASE_URL } from '../shared/llm/client';
import type { LlmConfig } from '../shared/llm/client';
import type { Logger } from '../shared/logger';
import type { Metrics } from '../shared/metrics/metrics';
import { analysisMetrics } from '../stages/analysis/analysis-metrics';
import { createAnalyst } from '../stages/analysis/analyst';
import type { Provider } from '../stages/analysis/analyst';
import { postgresBudget, postgresCache } from '../stages/analysis/analyst-state';
import { createNotableHandler } from '../stages/analysis/notable-run';
import { readPromptTemplate } from '../stages/analysis/prompt-template';
import type { NotableRules } from '../stages/analysis/rules';
import { createAnalystHandler } from '../stages/analysis/run';
import { groupName, TOPICS, topicName } from '../topics';
import type { RunningStage } from './stage';
import { consumerMetrics } from './stage';

type NotableRulesConfig = Pick<
  Config,
  'analysisRules' | 'analysisMinPurchaseValue' | 'analysisMinSalePercent' | 'analysisFirstPurchaseYears'
>;

type ProviderConfig = LlmConfig &
  Pick<Config, 'analysisModel' | 'analysisMaxOutputTokens' | 'analysisInputPrice' | 'analysisOutputPrice'>;

/** What the analysis stage reads of the config. */
export type AnalysisStageConfig = NotableRulesConfig &
  ProviderConfig &
  Pick<
    Config,
    | 'schemaRegistryUrl'
    | 'topicPrefix'
    | 'groupPrefix'
    | 'databaseUrl'
    | 'analysisConcurrency'
    | 'analysisDailyTokenBudget'
    | 'analysisLoadWaitSeconds'
  >;

export function notableRules(config: NotableRulesConfig): NotableRules {
  return {
    enabled: config.analysisRules,
    minPurchaseValue: config.analysisMinPurchaseValue,
    minSalePercent: config.analysisMinSalePercent,
    firstPurchaseYears: config.analysisFirstPurchaseYears,
  };
}

function provider(config: ProviderConfig, logger: Logger): Provider | null {
  const client = createLlmClient(config, logger);
  return client
    ? {
        client,
        settings: {
          model: config.analysisModel,
          maxOutputTokens: config.analysisMaxOutputTokens,
          inputPrice: config.analysisInputPrice,
          outputPrice: config.analysisOutputPrice,
        },
      }
    : null;
}

/**
 * Wires the analysis stage: two consumer groups in one process. The detector reads parsed filings
 * and cluster buys, waits for the loader to commit each filing, and asks for an analysis of what
 * the rules find notable; the analyst answers each request (model, cache or rules). Both are off
 * the loading path: they consume topics the loader also reads, and only the loader writes rows.
 */
export async function startAnalysisStage(
  config: AnalysisStageConfig,
  kafka: KafkaClient,
  logger: Logger,
  metrics: Metrics,
): Promise<RunningStage> {
  const log = logger.child({ stage: 'analysis' });
  const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
  const pool = createPool(config, log);
  const topics = {
    filings: topicName(config.topicPrefix, 'filingsParsed'),
    clusters: topicName(config.topicPrefix, 'clusterEvents'),
    requests: topicName(config.topicPrefix, 'analysisRequests'),
    results: topicName(config.topicPrefix, 'analysisResults'),
    dlq: topicName(config.topicPrefix, 'deadLetter'),
  };
  await avro.register(topics.requests, TOPICS.analysisRequests.valueSchema);
  await avro.register(topics.results, TOPICS.analysisResults.valueSchema);
  await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
  const producer = await createProducer(kafka, {
    metrics,
    topics: [topics.requests, topics.results, topics.dlq],
  });
  const deadLetters = createDeadLetterSink({ producer, avro, topic: topics.dlq, stage: 'analysis', metrics });
  const stageMetrics = analysisMetrics(metrics);
  const model = provider(config, log);
  const budget = postgresBudget(pool, config.analysisDailyTokenBudget);
  stageMetrics.budgetRemaining.set(await budget.remaining());
  const analyst = createAnalyst({
    provider: model,
    template: readPromptTemplate(),
    cache: postgresCache(pool),
    budget,
    metrics: stageMetrics,
  });
  const answering = await startBatchConsumer(kafka, {
    groupId: groupName(config, 'analysis'),
    topics: [topics.requests],
    logger: log,
    handle: createAnalystHandler({
      avro,
      producer,
      deadLetters,
      logger: log,
      metrics: stageMetrics,
      analyst,
      concurrency: config.analysisConcurrency,
      topics,
    }),
    ...consumerMetrics(metrics, 'analysis'),
  });
  const detecting = await startBatchConsumer(kafka, {
    groupId: groupName(config, 'notable'),
    topics: [topics.filings, topics.clusters],
    logger: log,
    handle: createNotableHandler({
      pool,
      avro,
      producer,
      deadLetters,
      logger: log,
      metrics: stageMetrics,
      rules: notableRules(config),
      loadWaitMs: config.analysisLoadWaitSeconds * 1000,
      topics,
    }),
    ...consumerMetrics(metrics, 'notable'),
  });
  log.info('analysis stage started', {
    topics,
    analyst: model
      ? { model: config.analysisModel, baseUrl: config.analysisBaseUrl ?? DEFAULT_BASE_URL }
      : 'rules',
    rules: notableRules(config),
  });
  return {
    name: 'analysis',
    failed: Promise.race([answering.failed, detecting.failed]),
    async close() {
      await Promise.all([detecting.stop(), answering.stop()]);
      await producer.disconnect();
      await pool.end();
    },
  };
}
