import { bringUp } from './bring-up';
import { inspectAndClean, inspectComponent } from './components';
import { startClusterNode } from './cluster-node';
import type { JavaInstall } from './java-version';
import type { PidRecord, PidState } from './pid-file';
import { removePidFile } from './pid-file';
import { portProblems } from './preflight';
import type { PortNeed } from './preflight';
import type { Problem } from './prerequisites';
import { stopProcess } from './processes';
import type { ComponentReport } from './report';
import type { StackSetup } from './setup';

function required(java: JavaInstall | undefined): JavaInstall {
  if (!java) {
    throw new Error('no JDK was chosen for Kafka although a node needs starting');
  }
  return java;
}

/** Pid-file states of every node (stale files removed, never signalled). */
export function clusterStates(s: StackSetup, note: (text: string) => void): Promise<PidState[]> {
  return Promise.all(s.brokers.map((b) => inspectAndClean(s.paths, b.component, note)));
}

/** The ports of the nodes that `up` has to start must be free. */
export function clusterPortProblems(s: StackSetup, states: readonly PidState[]): Promise<Problem[]> {
  const ports: PortNeed[] = s.brokers.flatMap((b, i) =>
    states[i]?.kind === 'ours'
      ? []
      : [
          { port: b.port, role: `Kafka node ${b.id}`, variable: 'KAFKA_BROKERS' },
          { port: b.controllerPort, role: `KRaft controller ${b.id}`, variable: 'KAFKA_CONTROLLER_PORT' },
        ],
  );
  return portProblems(ports, s.paths.root);
}

/**
 * Starts the nodes that do not run and waits until every node answers. Nodes are started
 * together: a KRaft controller quorum needs a majority before any node serves clients.
 */
export function clusterUp(
  s: StackSetup,
  states: readonly PidState[],
  java: JavaInstall | undefined,
  started: PidRecord[],
  deadline: number,
): Promise<ComponentReport>[] {
  return s.brokers.map((node, i) => {
    const own = s.paths.broker(node.id);
    return bringUp(
      s,
      {
        name: node.component,
        label: `Kafka node ${node.id}`,
        now: states[i] ?? { kind: 'absent' },
        start: () =>
          startClusterNode({
            paths: s.paths,
            node,
            all: s.brokers,
            java: required(java),
            version: s.config.kafkaVersion,
            heap: s.config.kafkaHeap,
            logger: s.logger,
          }),
        probe: () => s.probeKafka([node.address]),
        logs: [own.consoleLog, own.log],
      },
      started,
      deadline,
    );
  });
}

/** One report row per node: its pid file checked against /proc, and whether it answers. */
export function clusterStatus(s: StackSetup): Promise<ComponentReport[]> {
  return Promise.all(
    s.brokers.map(async (node) => {
      const [state, answer] = await Promise.all([
        inspectComponent(s.paths, node.component),
        s.probeKafka([node.address]).then(
          (r) => ({ ok: true as const, version: r.version }),
          (err: Error) => ({ ok: false as const, error: err.message }),
        ),
      ]);
      const base = { name: node.component, healthy: answer.ok, address: node.address };
      if (state.kind === 'ours') {
        const version = (answer.ok && answer.version) || state.record.version;
        return answer.ok
          ? { ...base, state: 'running' as const, pid: state.record.pid, version }
          : { ...base, state: 'unhealthy' as const, pid: state.record.pid, version, detail: answer.error };
      }
      if (answer.ok) {
        return { ...base, state: 'running' as const, detail: 'not started by this stack (no pid file)' };
      }
      if (state.kind === 'stale') {
        return { ...base, state: 'stale' as const, detail: `${state.reason}; stack up or down cleans it` };
      }
      return { ...base, state: 'stopped' as const };
    }),
  );
}

/** Stops every node this stack started (controlled shutdown, then SIGKILL after 30 s). */
export function clusterDown(s: StackSetup): Promise<ComponentReport[]> {
  return Promise.all(
    s.brokers.map(async (node): Promise<ComponentReport> => {
      const state = await inspectComponent(s.paths, node.component);
      const file = s.paths.pidFile(node.component);
      const base = { name: node.component, state: 'stopped' as const, healthy: true, address: node.address };
      if (state.kind !== 'ours') {
        await removePidFile(file);
        return { ...base, detail: state.kind === 'absent' ? 'was not running' : 'stale pid file removed' };
      }
      const how = await stopProcess(state.record.pid, state.record.startTime, 30_000);
      await removePidFile(file);
      return {
        ...base,
        pid: state.record.pid,
        detail: how === 'killed' ? 'killed after 30 s grace' : 'stopped',
      };
    }),
  );
}
