import type { KafkaClient } from './client';

export interface PartitionOffset {
  partition: number;
  offset: string;
}

export interface TopicOffsets {
  topic: string;
  /** Earliest available offset per partition. */
  low: PartitionOffset[];
  /** Next offset to be written per partition (the high watermark). */
  high: PartitionOffset[];
}

/** Where a replay starts or ends: the earliest offset, an absolute offset, or an instant. */
export type OffsetSpec =
  { kind: 'earliest' } | { kind: 'latest' } | { kind: 'offset'; offset: bigint } | { kind: 'time'; at: Date };

async function withAdmin<T>(
  kafka: KafkaClient,
  fn: (admin: ReturnType<KafkaClient['admin']>) => Promise<T>,
): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export function topicOffsets(kafka: KafkaClient, topic: string): Promise<TopicOffsets> {
  return withAdmin(kafka, async (admin) => {
    const rows = await admin.fetchTopicOffsets(topic);
    return {
      topic,
      low: rows.map((r) => ({ partition: r.partition, offset: r.low })),
      high: rows.map((r) => ({ partition: r.partition, offset: r.high })),
    };
  });
}

/** Resolves a spec to one offset per partition, clamped to what the topic still holds. */
export async function resolveOffsets(
  kafka: KafkaClient,
  topic: string,
  spec: OffsetSpec,
): Promise<PartitionOffset[]> {
  const { low, high } = await topicOffsets(kafka, topic);
  const clamp = (p: number, o: bigint): string => {
    const lo = BigInt(low.find((l) => l.partition === p)?.offset ?? '0');
    const hi = BigInt(high.find((h) => h.partition === p)?.offset ?? '0');
    return (o < lo ? lo : o > hi ? hi : o).toString();
  };
  switch (spec.kind) {
    case 'earliest':
      return low;
    case 'latest':
      return high;
    case 'offset':
      return low.map((l) => ({ partition: l.partition, offset: clamp(l.partition, spec.offset) }));
    case 'time': {
      const rows = await withAdmin(kafka, (admin) =>
        admin.fetchTopicOffsetsByTimestamp(topic, spec.at.getTime()),
      );
      // -1 means "no record at or after that time": the partition's end.
      return rows.map((r) => ({
        partition: r.partition,
        offset: r.offset === '-1' ? (high.find((h) => h.partition === r.partition)?.offset ?? '0') : r.offset,
      }));
    }
  }
}

export function committedOffsets(
  kafka: KafkaClient,
  groupId: string,
  topic: string,
): Promise<PartitionOffset[]> {
  return withAdmin(kafka, async (admin) => {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return (entry?.partitions ?? []).map((p) => ({ partition: p.partition, offset: p.offset }));
  });
}

export function activeMembers(kafka: KafkaClient, groupId: string): Promise<number> {
  return withAdmin(kafka, async (admin) => {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.members.length ?? 0;
  });
}

/** Moves a consumer group; Kafka only allows it while the group has no active member. */
export function setGroupOffsets(
  kafka: KafkaClient,
  groupId: string,
  topic: string,
  offsets: PartitionOffset[],
): Promise<void> {
  return withAdmin(kafka, (admin) => admin.setOffsets({ groupId, topic, partitions: offsets }));
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Records after the group's committed offset (from the earliest one when nothing is committed). */
  lag: number;
}

/** A group's lag on each partition of its topics, from the brokers (not from what it consumed). */
export function groupLag(kafka: KafkaClient, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  return withAdmin(kafka, async (admin) => {
    const committed = await admin.fetchOffsets({ groupId, topics });
    const out: PartitionLag[] = [];
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
      for (const end of ends) {
        const at = mine.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = BigInt(at) < 0n ? BigInt(end.low) : BigInt(at);
        const lag = BigInt(end.high) - from;
        out.push({ topic, partition: end.partition, lag: Number(lag > 0n ? lag : 0n) });
      }
    }
    return out;
  });
}
