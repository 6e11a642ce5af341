/**
 * The only place (with its siblings in this folder) that imports kafkajs. kafkajs has had no
 * release since 2023; keeping it behind this folder means a client swap touches nothing else.
 */
import { Kafka, logLevel } from 'kafkajs';
import type { LogEntry } from 'kafkajs';
import type { Config } from '../../config/config';
import type { Logger } from '../logger';

export type KafkaClient = Kafka;

const LEVELS: Record<number, 'debug' | 'info' | 'warn' | 'error'> = {
  [logLevel.DEBUG]: 'debug',
  [logLevel.INFO]: 'info',
  [logLevel.WARN]: 'warn',
  [logLevel.ERROR]: 'error',
  [logLevel.NOTHING]: 'debug',
};

/** kafkajs log lines become our structured JSON lines under `component: kafkajs`. */
function kafkaLogCreator(logger: Logger) {
  const log = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log: entry }: LogEntry) => {
      const { message, timestamp: _t, logger: _l, ...fields } = entry;
      log[LEVELS[level] ?? 'info'](message, fields);
    };
}

export function createKafka(
  config: Pick<Config, 'kafkaBrokers' | 'kafkaClientId'>,
  logger: Logger,
): KafkaClient {
  return new Kafka({
    clientId: config.kafkaClientId,
    brokers: [...config.kafkaBrokers],
    // kafkajs is chatty at INFO (every join/leave); WARN keeps the logs about what needs attention.
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}
