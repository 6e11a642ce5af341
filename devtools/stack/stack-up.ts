import type { Config } from '../../pipeline/src/config/config';
import type { Logger } from '../../pipeline/src/shared/logger';
import { answeringReport, componentsToStart, probeAlreadyAnswering } from './already-answering';
import { asProblem, bringUp, checkExternal, stopStarted } from './bring-up';
import { inspectAndClean } from './components';
import type { JavaInstall } from './java-version';
import { startKafka } from './kafka';
import { clusterPortProblems, clusterStates, clusterUp } from './cluster';
import { acquireStackLock } from './lock';
import { fetchKafka, fetchRegistry } from './maven-fetch';
import type { PidRecord, PidState } from './pid-file';
import { preflight } from './preflight';
import { StackError } from './prerequisites';
import { startRegistry } from './registry';
import { registryDatasource } from './registry-config';
import { probeRegistry } from './registry-probe';
import type { ComponentReport, StackReport } from './report';
import { serviceReports } from './service-report';
import { createSetup } from './setup';
import type { StackOptions, StackSetup } from './setup';

/**
 * Brings the local stack up: finds what already answers (its own processes, or a Kafka and a
 * registry someone else started), checks every prerequisite of what is missing, creates a missing
 * database, downloads what is not cached, starts the missing components concurrently and waits
 * until they answer. Idempotent: what already runs is left alone. On any failure it stops what this
 * call started and rejects with a StackError that lists every problem.
 */
export async function stackUp(
  config: Config,
  logger: Logger,
  options: StackOptions = {},
): Promise<StackReport> {
  const s = createSetup(config, logger, options);
  const began = Date.now();
  const release = await acquireStackLock(s.paths.lockFile, s.timeoutMs);
  try {
    return await up(s, began);
  } catch (err) {
    if (err instanceof StackError) {
      s.logger.error('stack up failed', { problems: err.problems });
    } else {
      s.logger.error('stack up failed', { err });
    }
    throw err;
  } finally {
    await release();
  }
}

async function up(s: StackSetup, began: number): Promise<StackReport> {
  const notes: string[] = [];
  const note = (text: string) => {
    notes.push(text);
    s.logger.warn(text);
  };
  const absent: PidState = { kind: 'absent' };
  const cluster = s.brokers.length > 0;
  const kafkaNow = s.kafka.managed && !cluster ? await inspectAndClean(s.paths, 'kafka', note) : absent;
  const nodeStates = cluster ? await clusterStates(s, note) : [];
  const registryNow = s.registry.managed ? await inspectAndClean(s.paths, 'registry', note) : absent;
  if (!s.kafka.managed) {
    note(`not managing Kafka: ${s.kafka.reason}; only checking it`);
  }
  if (!s.registry.managed) {
    note(`not managing the registry: ${s.registry.reason}; only checking it`);
  }
  const ours = { kafka: kafkaNow, registry: registryNow };
  // A cluster's nodes are each judged by their own pid file: one node down gets that node back.
  const answering = cluster
    ? { ...(await probeAlreadyAnswering(s, ours)), kafka: undefined }
    : await probeAlreadyAnswering(s, ours);
  const need = componentsToStart({ kafka: s.kafka.managed, registry: s.registry.managed }, ours, answering);
  if (cluster) {
    need.kafka = nodeStates.some((state) => state.kind !== 'ours');
  }
  for (const name of ['kafka', 'registry'] as const) {
    if (answering[name]) {
      s.logger.info(`${name} already answers; using it as it is`, { version: answering[name].version });
    }
  }

  s.logger.info('checking prerequisites', { start: need });
  const pre = await preflight(s, need);
  if (cluster && need.kafka) {
    pre.problems.push(...(await clusterPortProblems(s, nodeStates)));
  }
  if (pre.problems.length > 0) {
    throw new StackError(pre.problems, 'stack up started nothing');
  }
  for (const name of pre.postgres.created ?? []) {
    notes.push(`created database ${name}`);
  }

  await fetchMissing(s, need, pre);

  const started: PidRecord[] = [];
  const deadline = Date.now() + s.timeoutMs;
  const kafka = cluster
    ? clusterUp(s, nodeStates, pre.kafkaJava, started, deadline)
    : [
        answering.kafka
          ? answeringReport('kafka', s.kafka.address, answering.kafka)
          : kafkaUp(s, kafkaNow, pre.kafkaJava, started, deadline),
      ];
  const results = await Promise.allSettled([
    ...kafka,
    answering.registry
      ? answeringReport('registry', s.registry.url, answering.registry)
      : registryUp(s, registryNow, pre.registryJava, started, deadline),
  ]);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [asProblem(r.reason)] : []));
  if (failed.length > 0) {
    await stopStarted(s, started);
    throw new StackError(
      failed,
      started.length > 0 ? 'stack up failed and stopped what it had started' : 'stack up failed',
    );
  }
  const components: ComponentReport[] = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (started.length === 0) {
    s.logger.info('stack already up; nothing started');
  }
  const report: StackReport = {
    action: 'up',
    ok: true,
    changed: started.length > 0 || notes.length > 0,
    components: [...components, ...serviceReports(pre.postgres, pre.redis)],
    notes,
    elapsedMs: Date.now() - began,
    stackDir: s.paths.root,
  };
  s.logger.info('stack up done', { changed: report.changed, elapsedMs: report.elapsedMs });
  return report;
}

async function fetchMissing(
  s: StackSetup,
  need: { kafka: boolean; registry: boolean },
  pre: { kafkaCached: boolean; registryCached: boolean },
): Promise<void> {
  const { config, paths, logger } = s;
  const signal = s.signal ? { signal: s.signal } : {};
  try {
    if (need.kafka && !pre.kafkaCached) {
      const dir = paths.kafkaJars(config.kafkaVersion);
      await fetchKafka({ pom: paths.kafkaPom, version: config.kafkaVersion, dir, logger, ...signal });
    }
    if (need.registry && !pre.registryCached) {
      const dir = paths.registryHome(config.registryVersion);
      await fetchRegistry({
        pom: paths.registryPom,
        version: config.registryVersion,
        dir,
        logger,
        ...signal,
      });
    }
  } catch (err) {
    const what = `download failed: ${(err as Error).message}`;
    const fix = 'check access to Maven Central (repo.maven.apache.org) and KAFKA_VERSION / REGISTRY_VERSION';
    throw new StackError([{ what, fix }], 'stack up started nothing');
  }
}

/** Preflight found a JDK for every component that `up` starts; this only narrows the type. */
function required(java: JavaInstall | undefined): JavaInstall {
  if (!java) {
    throw new Error('no JDK was chosen for a component that needs starting');
  }
  return java;
}

function kafkaUp(
  s: StackSetup,
  now: PidState,
  java: JavaInstall | undefined,
  started: PidRecord[],
  deadline: number,
): Promise<ComponentReport> {
  const brokers = s.config.kafkaBrokers;
  const probe = () => s.probeKafka(brokers);
  if (!s.kafka.managed) {
    const fix = 'start that cluster, or point KAFKA_BROKERS at 127.0.0.1:<port> to let the stack run one';
    return checkExternal('kafka', s.kafka.address, s.kafka.reason, probe, fix);
  }
  const plan = s.kafka;
  const start = () =>
    startKafka({
      ...plan,
      paths: s.paths,
      java: required(java),
      version: s.config.kafkaVersion,
      heap: s.config.kafkaHeap,
      logger: s.logger,
    });
  const logs = [s.paths.kafkaConsoleLog, s.paths.kafkaLog];
  return bringUp(s, { name: 'kafka', label: 'Kafka', now, start, probe, logs }, started, deadline);
}

function registryUp(
  s: StackSetup,
  now: PidState,
  java: JavaInstall | undefined,
  started: PidRecord[],
  deadline: number,
): Promise<ComponentReport> {
  const probe = () => probeRegistry(s.registry.url);
  if (!s.registry.managed) {
    const fix =
      'start that registry, or point SCHEMA_REGISTRY_URL at http://127.0.0.1:<port>/apis/ccompat/v7';
    return checkExternal('registry', s.registry.url, s.registry.reason, probe, fix);
  }
  const plan = s.registry;
  const start = () =>
    startRegistry({
      ...plan,
      paths: s.paths,
      datasource: registryDatasource(s.config.databaseUrl, s.config.registryDatabase),
      java: required(java),
      version: s.config.registryVersion,
      heap: s.config.registryHeap,
      logger: s.logger,
    });
  const logs = [s.paths.registryLog];
  return bringUp(
    s,
    { name: 'registry', label: 'schema registry', now, start, probe, logs },
    started,
    deadline,
  );
}
