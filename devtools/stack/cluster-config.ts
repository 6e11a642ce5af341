import type { BrokerComponent } from './paths';

/** One node of a local multi-broker KRaft cluster: broker and controller in one JVM. */
export interface BrokerPlan {
  readonly id: number;
  readonly component: BrokerComponent;
  readonly address: string;
  readonly port: number;
  readonly controllerPort: number;
}

/**
 * The nodes of `stack up --brokers N`: node i listens on the i-th address of KAFKA_BROKERS (or, for
 * the addresses not listed, the first port + i - 1) and its controller on KAFKA_CONTROLLER_PORT + i - 1.
 */
export function planBrokers(brokers: readonly string[], controllerPort: number, count: number): BrokerPlan[] {
  const first = brokers[0] ?? '127.0.0.1:9092';
  const firstPort = Number(first.slice(first.lastIndexOf(':') + 1));
  return Array.from({ length: count }, (_, i) => {
    const listed = brokers[i];
    const port = listed ? Number(listed.slice(listed.lastIndexOf(':') + 1)) : firstPort + i;
    return {
      id: i + 1,
      component: `kafka-${i + 1}`,
      address: `127.0.0.1:${port}`,
      port,
      controllerPort: controllerPort + i,
    };
  });
}

/**
 * server.properties of one node of the cluster. Three or more nodes give the durability a
 * production cluster has: three replicas, two in sync before a write is acknowledged (producers
 * use acks=all), and no unclean leader election, so a lagging replica never becomes leader and
 * drops acknowledged records. Topics created by `sec-tracker topics` get the same settings.
 */
export function renderClusterProperties(
  node: BrokerPlan,
  all: readonly BrokerPlan[],
  dataDir: string,
): string {
  const replicas = Math.min(3, all.length);
  const inSync = Math.min(2, replicas);
  const lines: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', node.id],
    ['controller.quorum.voters', all.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')],
    ['listeners', `PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${node.port}`],
    ['controller.listener.names', 'CONTROLLER'],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
    ['log.dirs', dataDir],
    ['default.replication.factor', replicas],
    ['min.insync.replicas', inSync],
    ['unclean.leader.election.enable', 'false'],
    ['offsets.topic.replication.factor', replicas],
    ['transaction.state.log.replication.factor', replicas],
    ['transaction.state.log.min.isr', inSync],
    ['share.coordinator.state.topic.replication.factor', replicas],
    ['share.coordinator.state.topic.min.isr', inSync],
    ['group.initial.rebalance.delay.ms', 0],
    ['auto.create.topics.enable', 'false'],
    ['num.partitions', 3],
    ['num.io.threads', 2],
    ['num.network.threads', 2],
    ['background.threads', 4],
    ['num.recovery.threads.per.data.dir', 1],
    ['log.retention.hours', 168],
    ['log.retention.bytes', 1073741824],
  ];
  const body = lines.map(([key, value]) => `${key}=${String(value)}`).join('\n');
  return `# Written by sec-tracker stack up --brokers ${all.length} on every start; edits are overwritten.\n${body}\n`;
}
