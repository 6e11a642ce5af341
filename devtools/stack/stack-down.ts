import type { Config } from '../../pipeline/src/config/config';
import type { Logger } from '../../pipeline/src/shared/logger';
import { clusterDown } from './cluster';
import { inspectComponent } from './components';
import { acquireStackLock } from './lock';
import type { ManagedComponent } from './paths';
import { removePidFile } from './pid-file';
import { stopProcess } from './processes';
import type { ComponentReport, StackReport } from './report';
import { createSetup } from './setup';
import type { StackOptions, StackSetup } from './setup';

/** Kafka finishes a controlled shutdown (flushes logs, resigns leadership) well within this. */
const graceMs = (component: ManagedComponent) => (component === 'registry' ? 15_000 : 30_000);

/**
 * Stops the broker and the registry this stack started, identified by their pid files and checked
 * against /proc, so a pid reused by another program is never signalled. Postgres and Redis are not
 * ours and are left alone.
 */
export async function stackDown(
  config: Config,
  logger: Logger,
  options: StackOptions = {},
): Promise<StackReport> {
  const s = createSetup(config, logger, options);
  const began = Date.now();
  const release = await acquireStackLock(s.paths.lockFile, s.timeoutMs);
  try {
    const [kafka, registry] = await Promise.all([
      s.brokers.length > 0 ? clusterDown(s) : stop(s, 'kafka').then((r) => [r]),
      stop(s, 'registry'),
    ]);
    const components = [...kafka, registry];
    const changed = components.some((c) => c.detail !== 'was not running');
    s.logger.info('stack down done', { changed });
    return {
      action: 'down',
      ok: true,
      changed,
      components,
      notes: ['postgres and redis are not run by the stack and were left alone'],
      elapsedMs: Date.now() - began,
      stackDir: s.paths.root,
    };
  } finally {
    await release();
  }
}

async function stop(s: StackSetup, component: ManagedComponent): Promise<ComponentReport> {
  const state = await inspectComponent(s.paths, component);
  const file = s.paths.pidFile(component);
  const address = component === 'kafka' ? s.kafka.address : s.registry.url;
  if (state.kind === 'absent') {
    return { name: component, state: 'stopped', healthy: true, address, detail: 'was not running' };
  }
  if (state.kind === 'stale') {
    await removePidFile(file);
    const detail = `stale pid file removed (${state.reason}); that process was not touched`;
    s.logger.warn(detail, { component });
    return { name: component, state: 'stopped', healthy: true, address, detail };
  }
  const { record } = state;
  s.logger.info(`stopping ${component}`, { pid: record.pid });
  const how = await stopProcess(record.pid, record.startTime, graceMs(component));
  await removePidFile(file);
  const detail = how === 'killed' ? `killed after ${graceMs(component) / 1000} s grace` : 'stopped';
  s.logger.info(`${component} ${detail}`, { pid: record.pid });
  return {
    name: component,
    state: 'stopped',
    healthy: true,
    address: record.address,
    pid: record.pid,
    version: record.version,
    detail,
  };
}
