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
  killBroker(id: number): Promise<void>;
  killRegistry(): Promise<void>;
  /** `stack up --brokers 3` again: starts what is not running (a killed broker, the registry). */
  heal(): Promise<void>;
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

export async function startChaosCluster(logger: Logger): Promise<ChaosCluster> {
  const env = chaosStackEnv();
  const config = loadConfig({ ...process.env, ...env });
  await shareCache(config);
  const paths = stackPaths(config.stackDir);
  const options = { brokers: BROKERS };
  const heal = async () => {
    await stackUp(config, logger, options);
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
  return {
    config,
    env,
    killBroker: (id) => kill(`kafka-${id}`),
    killRegistry: () => kill('registry'),
    heal,
    async down() {
      await stackDown(config, logger, options);
    },
  };
}
