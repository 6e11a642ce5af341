import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/shared/logger';
import { ensureStack } from '../../../devtools/stack/stack';
import { dockerAnswers, startContainers } from './containers';
import { servicesFromEnv } from './services';

declare global {
  var __SEC_TRACKER_CONTAINERS__: { stop(): Promise<void> } | undefined;
}

/** Finds or starts real services once per run and hands their addresses to every test file. */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger('warn', { component: 'test-setup' });
  const named = servicesFromEnv(process.env);
  if (named) {
    process.stdout.write(
      `\n[integration] using the services named in the environment: ${JSON.stringify(named)}\n`,
    );
  } else if (await dockerAnswers()) {
    const containers = await startContainers();
    globalThis.__SEC_TRACKER_CONTAINERS__ = containers;
    Object.assign(process.env, containers.env);
    process.stdout.write(
      `\n[integration] started services with testcontainers: ${JSON.stringify(containers.env)}\n`,
    );
  } else {
    const config = loadConfig(process.env);
    if (!config.stackAutostart) {
      throw new Error(
        'No services named, no Docker engine, and STACK_AUTOSTART=false: nothing to test against',
      );
    }
    const report = await ensureStack(config, logger);
    process.env.KAFKA_BROKERS = config.kafkaBrokers.join(',');
    process.env.SCHEMA_REGISTRY_URL = config.schemaRegistryUrl;
    process.env.DATABASE_URL = config.databaseUrl;
    process.env.REDIS_URL = config.redisUrl;
    process.stdout.write(`\n[integration] using the local stack: ${JSON.stringify(report)}\n`);
  }
}
