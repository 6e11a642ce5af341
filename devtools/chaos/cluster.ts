import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../pipeline/src/config/config';
import type { Config } from '../../pipeline/src/config/config';
import { REPO_ROOT } from '../../pipeline/src/paths';
import type { Logger } from '../../pipeline/src/shared/logger';
import { stackPaths } from '../stack/paths';
import { readPidFile } from '../stack/pid-file';
import { stackDown, stackUp } from '../stack/stack';

/**
 * The campaign's own three-broker cluster and registry (its own STACK_DIR and ports), so killing a
 * broker or the registry never touches the shared single broker other work depends on.
 */
export interface ChaosCluster {
  readonly config: Config;
  /** Environment naming the cluster, for the stage processes. */
  readonly env: Record<string, string>;
  /** kill -9 of one broker, `downMs` later `stack up` again to bring it back. */
  bounceBroker(id: number, downMs: number): Promise<void>;
  /** kill -9 of the registry, then `stack up` again. */
  bounceRegistry(): Promise<void>;
  down(): Promise<void>;
}

export const BROKERS = 3;

export function chaosStackEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const port = Number(base.CHAOS_KAFKA_PORT ?? 19092);
  return {
    STACK_DIR: base.CHAOS_STACK_DIR ?? 'ops/.stack-chaos',
    KAFKA_BROKERS: [0, 1, 2].map((i) => `127.0.0.1:${port + i}`).join(','),
    KAFKA_CONTROLLER_PORT: String(port + 100),
    SCHEMA_REGISTRY_URL: `http://127.0.0.1:${base.CHAOS_REGISTRY_PORT ?? 18081}/apis/ccompat/v7`,
    REGISTRY_MANAGEMENT_PORT: String(Number(base.CHAOS_REGISTRY_PORT ?? 18081) + 10),
    REGISTRY_DATABASE: 'sec_tracker_registry_chaos',
    KAFKA_HEAP: base.CHAOS_KAFKA_HEAP ?? '256m',
    STACK_AUTOSTART: 'false',
  };
}

/** Reuses the jars the default stack already fetched instead of asking Maven again. */
async function shareCache(config: Config): Promise<void> {
  const own = stackPaths(config.stackDir);
  const shared = stackPaths(loadConfig({ ...process.env, STACK_DIR: 'ops/.stack' }).stackDir, REPO_ROOT);
  if (!existsSync(own.cache) && existsSync(shared.cache) && own.cache !== shared.cache) {
    await mkdir(path.dirname(own.cache), { recursive: true });
    await symlink(shared.cache, own.cache);
  }
}

export async function startChaosCluster(
  logger: Logger,
  overrides: NodeJS.ProcessEnv = {},
): Promise<ChaosCluster> {
  const env = chaosStackEnv({ ...process.env, ...overrides });
  const config = loadConfig({ ...process.env, ...env });
  await shareCache(config);
  const paths = stackPaths(config.stackDir);
  const options = { brokers: BROKERS };
  // `stack up` again starts what is not running. A start can fail while another component dies
  // under it (the campaign kills things concurrently), so it is retried.
  const heal = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await stackUp(config, logger, options);
        return;
      } catch (err) {
        if (attempt >= 5) {
          throw err;
        }
        logger.warn('stack up failed during the campaign; trying again', { err, attempt });
      }
    }
  };
  await heal();
  const kill = async (component: 'registry' | `kafka-${number}`) => {
    const record = await readPidFile(paths.pidFile(component));
    if (record && typeof record !== 'string') {
      try {
        process.kill(record.pid, 'SIGKILL');
      } catch {
        // Already gone: heal() starts it again all the same.
      }
    }
  };
  // One bounce at a time: a heal must not see a component that another bounce is killing.
  let queue: Promise<void> = Promise.resolve();
  const exclusive = (fn: () => Promise<void>): Promise<void> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    config,
    env,
    bounceBroker: (id, downMs) =>
      exclusive(async () => {
        await kill(`kafka-${id}`);
        await new Promise((r) => setTimeout(r, downMs));
        await heal();
      }),
    bounceRegistry: () =>
      exclusive(async () => {
        await kill('registry');
        await heal();
      }),
    async down() {
      await stackDown(config, logger, options);
    },
  };
}
