import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { BrokerPlan } from './cluster-config';
import type { JavaInstall } from './java-version';
import { kafkaJvmArgs, kafkaVersionFromJars, newClusterId, renderNodeProperties } from './kafka-config';
import type { StackPaths } from './paths';
import { markerFlag, writePidFile } from './pid-file';
import type { PidRecord } from './pid-file';
import { spawnDetached } from './processes';

const run = promisify(execFile);

export interface ClusterNodeStart {
  readonly paths: StackPaths;
  readonly node: BrokerPlan;
  readonly all: readonly BrokerPlan[];
  readonly java: JavaInstall;
  readonly version: string;
  readonly heap: string;
  readonly logger: Logger;
}

const ids = new Map<string, Promise<string>>();

/**
 * Every node of one STACK_DIR's cluster is formatted with the same id, kept in data/cluster-id
 * (memoised: the nodes start concurrently and must not each write a different one).
 */
function clusterId(paths: StackPaths): Promise<string> {
  const id = ids.get(paths.root) ?? readOrCreateClusterId(paths);
  ids.set(paths.root, id);
  return id;
}

async function readOrCreateClusterId(paths: StackPaths): Promise<string> {
  const file = path.join(paths.root, 'data', 'cluster-id');
  const existing = await readFile(file, 'utf8').then(
    (t) => t.trim(),
    () => '',
  );
  if (existing) {
    return existing;
  }
  const id = newClusterId();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, id + '\n');
  return id;
}

/**
 * Starts one node of a multi-broker cluster from the same cached jars as the single broker:
 * writes its properties, formats its log dir on first use, starts it detached and records its pid
 * file (`run/kafka-<id>.pid`). A restarted node rejoins with its data, as after a crash.
 */
export async function startClusterNode(s: ClusterNodeStart): Promise<PidRecord> {
  const { paths, node } = s;
  const own = paths.broker(node.id);
  await Promise.all([own.data, own.logs, paths.run].map((d) => mkdir(d, { recursive: true })));
  const jarsDir = paths.kafkaJars(s.version);
  const version = kafkaVersionFromJars(await readdir(jarsDir)) ?? s.version;
  await writeFile(own.properties, renderNodeProperties(node, s.all, own.data));
  const marker = markerFlag(paths.root, node.component);
  const jvm = kafkaJvmArgs({ heap: s.heap, jarsDir, log4jFile: paths.kafkaLog4j, logsDir: own.logs, marker });
  const formatted = await stat(path.join(own.data, 'meta.properties')).then(
    () => true,
    () => false,
  );
  if (!formatted) {
    const id = await clusterId(paths);
    s.logger.info('formatting Kafka storage of a cluster node', { node: node.id, clusterId: id });
    const format = [
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      id,
      '-c',
      own.properties,
    ];
    await run(s.java.bin, [...jvm, ...format], { timeout: 120_000 });
  }
  const { pid, startTime } = await spawnDetached({
    command: s.java.bin,
    args: [...jvm, 'kafka.Kafka', own.properties],
    cwd: own.data,
    logFile: own.consoleLog,
  });
  const record: PidRecord = {
    component: node.component,
    pid,
    startTime,
    marker,
    version,
    address: node.address,
    startedAt: new Date().toISOString(),
  };
  await writePidFile(paths.pidFile(node.component), record);
  s.logger.info('Kafka cluster node started, waiting for it to answer', {
    node: node.id,
    pid,
    address: node.address,
  });
  return record;
}
