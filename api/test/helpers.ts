import type { Config } from '../../pipeline/src/config/config';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import type { Metrics } from '../../pipeline/src/shared/metrics/metrics';
import { createLogger } from '../../pipeline/src/shared/logger';
import { randomPrefix, testConfig, testLogger } from '../../pipeline/test/integration/helpers';
import { startApi } from '../src/main';
import type { RunningApi } from '../src/main';
import type { CommandContext } from '../../cli/src/command';
import { keysCommand } from '../../cli/src/commands/keys';

export interface TestApi extends RunningApi {
  readonly config: Config;
  readonly metrics: Metrics;
}

/** A config for one test file: its own Redis namespace, the given database, API variables on top. */
export function apiTestConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return testConfig({ DATABASE_URL: databaseUrl, REDIS_NAMESPACE: randomPrefix('api').slice(0, -1), ...env });
}

/** The API's own warnings (open API, Redis lost) are expected here: only errors reach the console. */
const apiLogger = createLogger((process.env.TEST_LOG_LEVEL as 'warn' | undefined) ?? 'error', { test: true });

export async function startTestApi(config: Config): Promise<TestApi> {
  const metrics = createMetrics();
  const api = await startApi(config, apiLogger, metrics, 0);
  return { ...api, config, metrics };
}

/** Runs `sec-tracker keys ...` in this process (the command's own code path) and returns its output. */
export async function runKeys(config: Config, args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const ctx: CommandContext = {
    config: () => config,
    logger: () => testLogger,
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    shutdown: new Promise(() => undefined),
  };
  const code = await keysCommand.run(args, ctx);
  return { code, out };
}

/** The value of one metric series from a registry, or undefined. */
export async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  const data = await metric?.get();
  const found = data?.values.find((v) =>
    Object.entries(labels).every(([k, val]) => String((v.labels as Record<string, unknown>)[k]) === val),
  );
  return found?.value;
}
