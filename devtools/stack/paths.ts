import path from 'node:path';

// STACK_DIR and ops/stack/* resolve from the repository root, never from the cwd.
import { REPO_ROOT } from '../../pipeline/src/paths';

export { REPO_ROOT };

/** The two processes the stack starts and owns; Postgres and Redis are only checked. */
export type ManagedComponent = 'kafka' | 'registry' | BrokerComponent;

/** One node of a multi-broker cluster (`stack up --brokers N`, N >= 2), numbered from 1. */
export type BrokerComponent = `kafka-${number}`;

/** The files of one node of a multi-broker cluster: each has its own data, logs and properties. */
export interface BrokerPaths {
  readonly data: string;
  readonly logs: string;
  readonly properties: string;
  readonly consoleLog: string;
  readonly log: string;
}

/** Where everything of one local stack lives. `root` is absolute and also marks our processes. */
export interface StackPaths {
  readonly root: string;
  readonly cache: string;
  readonly logs: string;
  readonly run: string;
  readonly kafkaJars: (version: string) => string;
  readonly registryHome: (version: string) => string;
  readonly kafkaData: string;
  readonly registryData: string;
  readonly kafkaProperties: string;
  readonly kafkaLog: string;
  /** JVM stdout/stderr of the broker: only what happens before log4j takes over (bad flags, crashes). */
  readonly kafkaConsoleLog: string;
  readonly registryLog: string;
  readonly stackLog: string;
  readonly lockFile: string;
  readonly pidFile: (component: ManagedComponent) => string;
  readonly kafkaPom: string;
  readonly registryPom: string;
  readonly kafkaLog4j: string;
  readonly broker: (id: number) => BrokerPaths;
}

export function stackPaths(stackDir: string, repoRoot: string = REPO_ROOT): StackPaths {
  const root = path.resolve(repoRoot, stackDir);
  const cache = path.join(root, 'cache');
  const data = path.join(root, 'data');
  const logs = path.join(root, 'logs');
  const run = path.join(root, 'run');
  const ops = path.join(repoRoot, 'ops', 'stack');
  return {
    root,
    cache,
    logs,
    run,
    kafkaJars: (version) => path.join(cache, `kafka-${version}`),
    registryHome: (version) => path.join(cache, `apicurio-${version}`),
    kafkaData: path.join(data, 'kafka'),
    registryData: path.join(data, 'registry'),
    kafkaProperties: path.join(run, 'kafka.properties'),
    kafkaLog: path.join(logs, 'kafka.log'),
    kafkaConsoleLog: path.join(logs, 'kafka-console.log'),
    registryLog: path.join(logs, 'registry.log'),
    stackLog: path.join(logs, 'stack.log'),
    lockFile: path.join(run, 'stack.lock'),
    pidFile: (component) => path.join(run, `${component}.pid`),
    kafkaPom: path.join(ops, 'kafka-pom.xml'),
    registryPom: path.join(ops, 'registry-pom.xml'),
    kafkaLog4j: path.join(ops, 'kafka-log4j2.xml'),
    broker: (id) => ({
      data: path.join(data, `kafka-${id}`),
      logs: path.join(logs, `kafka-${id}`),
      properties: path.join(run, `kafka-${id}.properties`),
      consoleLog: path.join(logs, `kafka-${id}`, 'kafka-console.log'),
      log: path.join(logs, `kafka-${id}`, 'kafka.log'),
    }),
  };
}
