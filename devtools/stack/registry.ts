import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { JavaInstall } from './java-version';
import type { StackPaths } from './paths';
import { markerFlag, writePidFile } from './pid-file';
import type { PidRecord } from './pid-file';
import { spawnDetached } from './processes';
import { registryEnv, registryJvmArgs } from './registry-config';
import type { RegistryDatasource } from './registry-config';

export interface RegistryStart {
  readonly paths: StackPaths;
  readonly url: string;
  readonly port: number;
  readonly managementPort: number;
  readonly datasource: RegistryDatasource;
  readonly java: JavaInstall;
  readonly version: string;
  readonly heap: string;
  readonly logger: Logger;
}

/** Starts Apicurio Registry detached (stdout/stderr → logs/registry.log) and records its pid file. */
export async function startRegistry(s: RegistryStart): Promise<PidRecord> {
  const { paths } = s;
  await mkdir(path.join(paths.registryData, 'tmp'), { recursive: true });
  await Promise.all([paths.logs, paths.run].map((d) => mkdir(d, { recursive: true })));
  const marker = markerFlag(paths.root, 'registry');
  const args = registryJvmArgs({
    heap: s.heap,
    port: s.port,
    managementPort: s.managementPort,
    datasource: s.datasource,
    dataDir: paths.registryData,
    home: paths.registryHome(s.version),
    marker,
  });
  const { pid, startTime } = await spawnDetached({
    command: s.java.bin,
    args,
    cwd: paths.registryData,
    logFile: paths.registryLog,
    // The child inherits our environment plus the datasource password (kept off its command line).
    env: registryEnv(process.env, s.datasource),
  });
  const record: PidRecord = {
    component: 'registry',
    pid,
    startTime,
    marker,
    version: s.version,
    address: s.url,
    startedAt: new Date().toISOString(),
  };
  await writePidFile(paths.pidFile('registry'), record);
  s.logger.info('registry started, waiting for it to answer', {
    pid,
    url: s.url,
    java: s.java.bin,
    version: s.version,
  });
  return record;
}
