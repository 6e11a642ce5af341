import type { ITopicConfig } from 'kafkajs';
import type { TopicSpec } from '../../topics';
import type { KafkaClient } from './client';

export interface TopicChange {
  topic: string;
  action: 'created' | 'exists' | 'updated';
  detail?: string;
}

/**
 * Durability by cluster size: with three or more brokers every topic has three replicas, a write is
 * acknowledged (acks=all) only once two of them have it, and a replica that fell behind never
 * becomes leader (which would silently drop acknowledged records). Smaller clusters take the
 * broker defaults, as a single dev broker must.
 */
export function replicationFor(brokers: number): {
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
} {
  if (brokers >= 3) {
    return {
      replicationFactor: 3,
      configEntries: [
        { name: 'min.insync.replicas', value: '2' },
        { name: 'unclean.leader.election.enable', value: 'false' },
      ],
    };
  }
  return { replicationFactor: -1, configEntries: [] };
}

function topicConfig(name: string, spec: TopicSpec, brokers: number): ITopicConfig {
  const durability = replicationFor(brokers);
  return {
    topic: name,
    numPartitions: spec.partitions,
    replicationFactor: durability.replicationFactor,
    configEntries: [
      { name: 'cleanup.policy', value: spec.cleanupPolicy },
      { name: 'retention.ms', value: String(spec.retentionMs) },
      ...durability.configEntries,
    ],
  };
}

/**
 * Creates missing topics and grows partition counts that are below the declaration. Never
 * shrinks or deletes: Kafka cannot shrink partitions, and deleting data is not an upgrade step.
 */
export async function ensureTopics(
  kafka: KafkaClient,
  topics: { name: string; spec: TopicSpec }[],
): Promise<TopicChange[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    const changes: TopicChange[] = [];
    if (missing.length > 0) {
      const { brokers } = await admin.describeCluster();
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => topicConfig(t.name, t.spec, brokers.length)),
      });
      for (const t of missing) {
        changes.push({
          topic: t.name,
          action: 'created',
          detail: `${t.spec.partitions} partitions, ${t.spec.cleanupPolicy}, ${describeReplication(brokers.length)}`,
        });
      }
    }
    const present = topics.filter((t) => existing.has(t.name));
    if (present.length > 0) {
      const meta = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
      for (const t of present) {
        const count = meta.topics.find((m) => m.name === t.name)?.partitions.length ?? 0;
        if (count < t.spec.partitions) {
          await admin.createPartitions({ topicPartitions: [{ topic: t.name, count: t.spec.partitions }] });
          changes.push({
            topic: t.name,
            action: 'updated',
            detail: `partitions ${count} -> ${t.spec.partitions}`,
          });
        } else {
          changes.push({ topic: t.name, action: 'exists', detail: `${count} partitions` });
        }
      }
    }
    return changes;
  } finally {
    await admin.disconnect();
  }
}

function describeReplication(brokers: number): string {
  const { replicationFactor } = replicationFor(brokers);
  return replicationFactor > 0
    ? `${replicationFactor} replicas, min.insync.replicas=2, no unclean leader election`
    : `broker-default replicas (${brokers} broker${brokers === 1 ? '' : 's'})`;
}
