import type { Config } from '../../config/config';
import type { Logger } from '../logger';
import { createKafka } from './client';

/**
 * A one-line description of the cluster for logs: broker count, controller, and the version of the
 * broker's Produce/Fetch APIs (the Kafka protocol does not report the release number itself).
 */
export async function describeKafka(
  config: Pick<Config, 'kafkaBrokers' | 'kafkaClientId'>,
  logger: Logger,
): Promise<string> {
  const admin = createKafka(config, logger).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return `${cluster.brokers.length} broker(s) at ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')}, cluster ${cluster.clusterId}, controller ${cluster.controller ?? 'none'}`;
  } finally {
    await admin.disconnect();
  }
}
