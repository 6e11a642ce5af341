import { randomBytes } from 'node:crypto';
import { SMALL_JVM } from './jvm-flags';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Where the local broker listens, or why the stack leaves Kafka alone. */
export type KafkaPlan =
  | {
      readonly managed: true;
      readonly address: string;
      readonly port: number;
      readonly controllerPort: number;
    }
  | { readonly managed: false; readonly address: string; readonly reason: string };

/**
 * The stack runs a broker only for a loopback first entry of KAFKA_BROKERS: anything else is
 * somebody else's cluster, which it must neither start nor stop.
 */
export function planKafka(brokers: readonly string[], controllerPort: number): KafkaPlan {
  const first = brokers[0] ?? '127.0.0.1:9092';
  const at = first.lastIndexOf(':');
  const host = first.slice(0, at);
  const port = Number(first.slice(at + 1));
  if (!LOOPBACK.has(host)) {
    return { managed: false, address: first, reason: `KAFKA_BROKERS names ${host}, not a loopback address` };
  }
  return { managed: true, address: `127.0.0.1:${port}`, port, controllerPort };
}

/** One KRaft node (broker and controller in one JVM) on loopback, alone or one of a cluster. */
export interface KafkaNode {
  readonly id: number;
  readonly port: number;
  readonly controllerPort: number;
}

/**
 * server.properties of one node. Durability follows the node count: with three or more, what a
 * production cluster has (three replicas, two in sync before a write is acknowledged — producers
 * use acks=all — and no unclean leader election, so a lagging replica never becomes leader and drops
 * acknowledged records); with one, what one broker can hold. `sec-tracker topics` creates topics
 * with the same settings.
 */
export function renderNodeProperties(node: KafkaNode, all: readonly KafkaNode[], dataDir: string): string {
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
    // Internal topics cannot have more replicas than there are brokers.
    ['offsets.topic.replication.factor', replicas],
    ['transaction.state.log.replication.factor', replicas],
    ['transaction.state.log.min.isr', inSync],
    ['share.coordinator.state.topic.replication.factor', replicas],
    ['share.coordinator.state.topic.min.isr', inSync],
    // Tests create groups all the time; the default 3 s delay only slows them down.
    ['group.initial.rebalance.delay.ms', 0],
    // Topics come from code (topics.ts); a typo must fail loudly, not create a new topic.
    ['auto.create.topics.enable', 'false'],
    ['num.partitions', 3],
    // Fewer threads than the server defaults (8 I/O, 3 network, 10 background): each costs stack
    // memory, and one developer's traffic does not need them.
    ['num.io.threads', 2],
    ['num.network.threads', 2],
    ['background.threads', 4],
    ['num.recovery.threads.per.data.dir', 1],
    // A dev stack: keep a week or 1 GiB per partition, whichever is smaller.
    ['log.retention.hours', 168],
    ['log.retention.bytes', 1073741824],
  ];
  const body = lines.map(([key, value]) => `${key}=${String(value)}`).join('\n');
  const command = all.length > 1 ? `sec-tracker stack up --brokers ${all.length}` : 'sec-tracker stack up';
  return `# Written by ${command} on every start; edits are overwritten.\n${body}\n`;
}

/** server.properties of the single-node broker+controller (the default stack). */
export function renderKafkaProperties(p: { port: number; controllerPort: number; dataDir: string }): string {
  const node = { id: 1, port: p.port, controllerPort: p.controllerPort };
  return renderNodeProperties(node, [node], p.dataDir);
}

/**
 * A cluster id as `kafka-storage random-uuid` makes it: 16 random bytes, base64url without
 * padding, never starting with '-' (Kafka's Uuid rejects that, it reads like a CLI flag).
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) {
      return id;
    }
  }
}

/** "4.1.1" from the kafka_2.13-4.1.1.jar among the cached jars. */
export function kafkaVersionFromJars(files: readonly string[]): string | undefined {
  for (const file of files) {
    const match = /^kafka_\d+\.\d+-(.+)\.jar$/.exec(file);
    if (match?.[1]) {
      return match[1];
    }
  }
  return undefined;
}

/** JVM flags shared by the broker and the format step. */
export function kafkaJvmArgs(p: {
  heap: string;
  jarsDir: string;
  log4jFile: string;
  logsDir: string;
  marker: string;
}): string[] {
  return [
    ...SMALL_JVM,
    `-Xmx${p.heap}`,
    '-Djava.awt.headless=true',
    `-Dkafka.logs.dir=${p.logsDir}`,
    `-Dlog4j2.configurationFile=${p.log4jFile}`,
    p.marker,
    '-cp',
    `${p.jarsDir}/*`,
  ];
}
