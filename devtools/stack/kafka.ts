import { execFile } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { JavaInstall } from './java-version';
import { kafkaJvmArgs, kafkaVersionFromJars, newClusterId, renderKafkaProperties } from './kafka-config';
import type { StackPaths } from './paths';
import { markerFlag, writePidFile } from './pid-file';
import type { PidRecord } from './pid-file';
import { spawnDetached } from './processes';

const run = promisify(execFile);

export interface KafkaStart {
  readonly paths: StackPaths;
  readonly address: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly java: JavaInstall;
  readonly version: string;
  readonly heap: string;
  readonly logger: Logger;
}

/**
 * Writes server.properties, formats the storage on first use (a KRaft log dir must carry a cluster
 * id before the broker will start), starts the broker detached and records its pid file.
 * Resolves as soon as the JVM runs; the caller waits for health.
 */
export async function startKafka(s: KafkaStart): Promise<PidRecord> {
  const { paths } = s;
  await Promise.all([paths.kafkaData, paths.logs, paths.run].map((d) => mkdir(d, { recursive: true })));
  const jarsDir = paths.kafkaJars(s.version);
  const version = kafkaVersionFromJars(await readdir(jarsDir)) ?? s.version;
  const properties = renderKafkaProperties({
    port: s.port,
    controllerPort: s.controllerPort,
    dataDir: paths.kafkaData,
  });
  await writeFile(paths.kafkaProperties, properties);
  const marker = markerFlag(paths.root, 'kafka');
  const jvm = kafkaJvmArgs({
    heap: s.heap,
    jarsDir,
    log4jFile: paths.kafkaLog4j,
    logsDir: paths.logs,
    marker,
  });

  const formatted = await stat(path.join(paths.kafkaData, 'meta.properties')).then(
    () => true,
    () => false,
  );
  if (!formatted) {
    const clusterId = newClusterId();
    s.logger.info('formatting Kafka storage (first start of this STACK_DIR)', {
      clusterId,
      dir: paths.kafkaData,
    });
    const format = [
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      clusterId,
      '-c',
      paths.kafkaProperties,
    ];
    await run(s.java.bin, [...jvm, ...format], { timeout: 120_000 });
  }

  const { pid, startTime } = await spawnDetached({
    command: s.java.bin,
    args: [...jvm, 'kafka.Kafka', paths.kafkaProperties],
    cwd: paths.kafkaData,
    logFile: paths.kafkaConsoleLog,
  });
  const record: PidRecord = {
    component: 'kafka',
    pid,
    startTime,
    marker,
    version,
    address: s.address,
    startedAt: new Date().toISOString(),
  };
  await writePidFile(paths.pidFile('kafka'), record);
  s.logger.info('Kafka started, waiting for it to answer', {
    pid,
    address: s.address,
    java: s.java.bin,
    version,
  });
  return record;
}
