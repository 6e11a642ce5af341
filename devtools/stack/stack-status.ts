import type { Config } from '../../pipeline/src/config/config';
import { createLogger } from '../../pipeline/src/shared/logger';
import type { Logger } from '../../pipeline/src/shared/logger';
import { clusterStatus } from './cluster';
import { inspectComponent } from './components';
import type { ManagedComponent } from './paths';
import { probeRegistry } from './registry-probe';
import type { ComponentReport, StackReport } from './report';
import { serviceReports } from './service-report';
import { checkPostgres, checkRedis } from './services';
import { createSetup } from './setup';
import type { StackOptions, StackSetup } from './setup';

/**
 * Each component with its state, address, pid and version; `ok` only when all four answer.
 * Read-only: it changes nothing (stale pid files are reported, and cleaned by up or down).
 */
export async function stackStatus(
  config: Config,
  options: StackOptions & { logger?: Logger } = {},
): Promise<StackReport> {
  const s = createSetup(config, options.logger ?? createLogger('warn'), options);
  const began = Date.now();
  const [kafka, registry, postgres, redis] = await Promise.all([
    s.brokers.length > 0
      ? clusterStatus(s)
      : managedStatus(s, 'kafka', () => s.probeKafka(s.config.kafkaBrokers)).then((r) => [r]),
    managedStatus(s, 'registry', () => probeRegistry(s.registry.url)),
    checkPostgres(config.databaseUrl),
    checkRedis(config.redisUrl),
  ]);
  const components = [...kafka, registry, ...serviceReports(postgres, redis)];
  return {
    action: 'status',
    ok: components.every((c) => c.healthy),
    changed: false,
    components,
    notes: [],
    elapsedMs: Date.now() - began,
    stackDir: s.paths.root,
  };
}

async function managedStatus(
  s: StackSetup,
  component: ManagedComponent,
  probe: () => Promise<{ version?: string }>,
): Promise<ComponentReport> {
  const plan = component === 'kafka' ? s.kafka : s.registry;
  const address = component === 'kafka' ? s.kafka.address : s.registry.url;
  const [state, answer] = await Promise.all([
    inspectComponent(s.paths, component),
    probe().then(
      (r) => ({ ok: true as const, version: r.version }),
      (err: Error) => ({ ok: false as const, error: err.message }),
    ),
  ]);
  const base = { name: component, healthy: answer.ok };
  if (!plan.managed) {
    const detail = answer.ok ? `not managed: ${plan.reason}` : `not managed: ${plan.reason}; ${answer.error}`;
    return {
      ...base,
      state: answer.ok ? 'external' : 'unhealthy',
      address,
      ...(answer.ok && answer.version ? { version: answer.version } : {}),
      detail,
    };
  }
  if (state.kind === 'ours') {
    const { record } = state;
    const common = {
      ...base,
      address: record.address,
      pid: record.pid,
      version: (answer.ok && answer.version) || record.version,
    };
    return answer.ok
      ? { ...common, state: 'running' }
      : { ...common, state: 'unhealthy', detail: answer.error };
  }
  if (answer.ok) {
    // Something answers that this stack did not start (another STACK_DIR, or a hand-started broker).
    return {
      ...base,
      state: 'running',
      address,
      ...(answer.version ? { version: answer.version } : {}),
      detail: 'not started by this stack (no pid file)',
    };
  }
  if (state.kind === 'stale') {
    return { ...base, state: 'stale', address, detail: `${state.reason}; stack up or down cleans it` };
  }
  return { ...base, state: 'stopped', address };
}
