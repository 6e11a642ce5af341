import type { Config } from '../../pipeline/src/config/config';
import type { Logger } from '../../pipeline/src/shared/logger';
import { probeKafkaApiVersions } from './kafka-probe';
import type { KafkaProbe } from './kafka-probe';
import { planKafka } from './kafka-config';
import { planBrokers } from './cluster-config';
import type { BrokerPlan } from './cluster-config';
import type { KafkaPlan } from './kafka-config';
import { stackPaths } from './paths';
import type { StackPaths } from './paths';
import { planRegistry } from './registry-config';
import type { RegistryPlan } from './registry-config';
import { createStackLogger } from './stack-log';

export interface StackOptions {
  /**
   * How to tell that Kafka serves clients. Defaults to a TCP connect plus an ApiVersions round trip;
   * the shared Kafka module may pass a client metadata request instead.
   */
  readonly probeKafka?: KafkaProbe;
  /** Aborting stops waiting; `up` then stops what it started. */
  readonly signal?: AbortSignal;
  /**
   * Kafka nodes to run: 1 (the default) is the single broker; 2 or more run a KRaft cluster, one
   * JVM per node (`stack up --brokers 3`). @defaultValue the number of addresses in KAFKA_BROKERS
   */
  readonly brokers?: number;
}

/** Everything one stack command works from, derived once from config. */
export interface StackSetup {
  readonly config: Config;
  readonly paths: StackPaths;
  readonly kafka: KafkaPlan;
  /** The nodes of a multi-broker cluster; empty for the single broker (or a Kafka not ours). */
  readonly brokers: readonly BrokerPlan[];
  readonly registry: RegistryPlan;
  readonly probeKafka: KafkaProbe;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export function createSetup(config: Config, logger: Logger, options: StackOptions): StackSetup {
  const paths = stackPaths(config.stackDir);
  const kafka = planKafka(config.kafkaBrokers, config.kafkaControllerPort);
  const count = options.brokers ?? config.kafkaBrokers.length;
  return {
    config,
    paths,
    kafka,
    brokers:
      kafka.managed && count >= 2 ? planBrokers(config.kafkaBrokers, config.kafkaControllerPort, count) : [],
    registry: planRegistry(config.schemaRegistryUrl, config.registryManagementPort),
    probeKafka: options.probeKafka ?? probeKafkaApiVersions(),
    logger: createStackLogger(logger, paths.stackLog),
    timeoutMs: config.stackStartTimeoutSeconds * 1000,
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** The stack's view of the databases: the app's (from DATABASE_URL) and the registry's. */
export function appDatabase(config: Config): string {
  return decodeURIComponent(new URL(config.databaseUrl).pathname.slice(1)) || 'postgres';
}
