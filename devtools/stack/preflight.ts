import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findJava } from './java';
import type { JavaInstall } from './java-version';
import { MIN_HEAP_BYTES, parseHeap } from './jvm-flags';
import { markerFlag } from './pid-file';
import type { ManagedComponent } from './paths';
import { findPortOwner, isPortFree } from './ports';
import { FIXES, portProblem } from './prerequisites';
import type { Problem } from './prerequisites';
import { readProc } from './processes';
import { checkPostgres, checkRedis } from './services';
import type { ServiceCheck } from './services';
import { appDatabase } from './setup';
import type { StackSetup } from './setup';

const run = promisify(execFile);

export interface Preflight {
  readonly problems: Problem[];
  readonly kafkaJava?: JavaInstall;
  readonly registryJava?: JavaInstall;
  readonly kafkaCached: boolean;
  readonly registryCached: boolean;
  readonly postgres: ServiceCheck;
  readonly redis: ServiceCheck;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export interface PortNeed {
  readonly port: number;
  readonly role: string;
  readonly variable: string;
}

/**
 * Everything `up` needs before it launches anything, checked together so the user gets the whole
 * list at once. `need` says which components this `up` will start (not those already running).
 * Creates the app and registry databases when missing (that is the only change it makes).
 */
export async function preflight(
  s: StackSetup,
  need: { kafka: boolean; registry: boolean },
): Promise<Preflight> {
  const { config, paths } = s;
  const problems: Problem[] = [];
  const ports: PortNeed[] = [];
  const kafkaCached = await exists(
    path.join(paths.kafkaJars(config.kafkaVersion), `kafka_2.13-${config.kafkaVersion}.jar`),
  );
  const registryCached = await exists(
    path.join(paths.registryHome(config.registryVersion), 'quarkus-run.jar'),
  );

  const kafkaJava = need.kafka
    ? findJava({ minMajor: 17, ...(config.javaHome ? { javaHome: config.javaHome } : {}) })
    : undefined;
  const registryJava = need.registry
    ? findJava({
        minMajor: 21,
        ...(config.registryJavaHome
          ? { exclusive: { name: 'REGISTRY_JAVA_HOME', home: config.registryJavaHome } }
          : {}),
        ...(config.javaHome ? { javaHome: config.javaHome } : {}),
      })
    : undefined;
  const needMaven = (need.kafka && !kafkaCached) || (need.registry && !registryCached);
  const maven = needMaven ? mavenVersion() : undefined;
  // The registry's database only for a registry this up starts: one already running has its own.
  const ensure = [appDatabase(config), ...(need.registry ? [config.registryDatabase] : [])];
  const [postgres, redis] = await Promise.all([
    checkPostgres(config.databaseUrl, ensure),
    checkRedis(config.redisUrl),
  ]);

  const kafkaChoice = await kafkaJava;
  if (kafkaChoice && !kafkaChoice.ok) {
    problems.push({ what: `Java 17+ for Kafka: ${kafkaChoice.reason}`, fix: FIXES.java17 });
  }
  const registryChoice = await registryJava;
  if (registryChoice && !registryChoice.ok) {
    problems.push({ what: `Java 21+ for the schema registry: ${registryChoice.reason}`, fix: FIXES.java21 });
  }
  if (maven && !(await maven)) {
    const what = [
      need.kafka && !kafkaCached ? `Kafka ${config.kafkaVersion}` : '',
      need.registry && !registryCached ? `Apicurio Registry ${config.registryVersion}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    problems.push({ what: `Maven (mvn) is not on PATH; it downloads ${what} once`, fix: FIXES.maven });
  }
  if (!postgres.ok) {
    problems.push({
      what: `PostgreSQL at ${postgres.address}: ${postgres.detail ?? 'unavailable'}`,
      fix: postgres.fix ?? '',
    });
  }
  if (!redis.ok) {
    problems.push({
      what: `Redis at ${redis.address}: ${redis.detail ?? 'unavailable'}`,
      fix: redis.fix ?? '',
    });
  }

  if (need.kafka && s.kafka.managed) {
    problems.push(...heapProblems('KAFKA_HEAP', config.kafkaHeap));
    // A cluster checks the ports of the nodes it starts itself (some may already run).
    if (s.brokers.length === 0) {
      ports.push({ port: s.kafka.port, role: 'Kafka', variable: 'KAFKA_BROKERS' });
      ports.push({
        port: s.kafka.controllerPort,
        role: 'KRaft controller',
        variable: 'KAFKA_CONTROLLER_PORT',
      });
    }
  }
  if (need.registry && s.registry.managed) {
    problems.push(...heapProblems('REGISTRY_HEAP', config.registryHeap));
    ports.push({ port: s.registry.port, role: 'schema registry', variable: 'SCHEMA_REGISTRY_URL' });
    ports.push({
      port: s.registry.managementPort,
      role: 'registry management',
      variable: 'REGISTRY_MANAGEMENT_PORT',
    });
  }
  problems.push(...(await portProblems(ports, s.paths.root)));

  return {
    problems,
    ...(kafkaChoice?.ok ? { kafkaJava: kafkaChoice.java } : {}),
    ...(registryChoice?.ok ? { registryJava: registryChoice.java } : {}),
    kafkaCached,
    registryCached,
    postgres,
    redis,
  };
}

function heapProblems(variable: string, size: string): Problem[] {
  const bytes = parseHeap(size);
  if (bytes !== undefined && bytes >= MIN_HEAP_BYTES) {
    return [];
  }
  return [{ what: `${variable}="${size}" is not a JVM heap size of at least 64m`, fix: FIXES.heap }];
}

async function mavenVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('mvn', ['-v', '-B'], { timeout: 60_000 });
    return stdout.split('\n')[0];
  } catch {
    return undefined;
  }
}

export async function portProblems(ports: PortNeed[], root: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Map<number, string>();
  for (const need of ports) {
    const other = seen.get(need.port);
    if (other) {
      problems.push({
        what: `port ${need.port} is configured for both ${other} and ${need.role}`,
        fix: `give ${need.variable} a port of its own`,
      });
      continue;
    }
    seen.set(need.port, need.role);
    if (await isPortFree(need.port)) {
      continue;
    }
    const owner = await findPortOwner(need.port);
    const ours = owner ? await whichOfOurs(owner.pid, root) : undefined;
    problems.push(
      portProblem(need.port, need.role, need.variable, owner && { ...owner, ...(ours ? { ours } : {}) }),
    );
  }
  return problems;
}

/** The component of this stack a pid runs, judged by the marker flag on its command line. */
async function whichOfOurs(pid: number, root: string): Promise<ManagedComponent | undefined> {
  const proc = await readProc(pid);
  const components: ManagedComponent[] = ['kafka', 'registry'];
  return components.find((c) => proc?.cmdline.includes(markerFlag(root, c)));
}
