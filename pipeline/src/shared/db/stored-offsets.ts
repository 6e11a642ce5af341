import type pg from 'pg';
import type { PartitionPosition } from '../kafka/consumer';

/**
 * Consumed offsets of the stages that write to Postgres (loader, aggregator) live in Postgres,
 * written in the same transaction as the rows they produced.
 * That, not Kafka's committed offset, is the truth: on every assignment the loader seeks to it,
 * so a crash between the Postgres COMMIT and the Kafka commit neither loses nor repeats a row.
 */
export async function storedPositions(
  pool: pg.Pool,
  groupId: string,
  assigned: { topic: string; partition: number }[],
): Promise<PartitionPosition[]> {
  if (assigned.length === 0) {
    return [];
  }
  const { rows } = await pool.query<{ topic: string; partition: number; next_offset: string }>(
    `SELECT topic, partition, next_offset FROM loader_offsets
      WHERE group_id = $1 AND (topic, partition) IN (SELECT * FROM unnest($2::text[], $3::int[]))`,
    [groupId, assigned.map((a) => a.topic), assigned.map((a) => a.partition)],
  );
  return rows.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.next_offset }));
}

/** Locks the partition's offset row for this transaction and returns the next offset to load. */
export async function lockNextOffset(
  client: pg.PoolClient,
  groupId: string,
  topic: string,
  partition: number,
): Promise<bigint> {
  await client.query(
    `INSERT INTO loader_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, 0)
     ON CONFLICT DO NOTHING`,
    [groupId, topic, partition],
  );
  const { rows } = await client.query<{ next_offset: string }>(
    'SELECT next_offset FROM loader_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
    [groupId, topic, partition],
  );
  return BigInt(rows[0]?.next_offset ?? '0');
}

export async function saveNextOffset(
  client: pg.PoolClient,
  groupId: string,
  topic: string,
  partition: number,
  next: bigint,
): Promise<void> {
  await client.query(
    'UPDATE loader_offsets SET next_offset = $4, updated_at = now() WHERE group_id = $1 AND topic = $2 AND partition = $3',
    [groupId, topic, partition, next.toString()],
  );
}

/** Replay support: forget stored offsets so the loader resumes from where its consumer group is moved. */
export async function resetStoredOffsets(
  pool: pg.Pool,
  groupId: string,
  positions: PartitionPosition[],
): Promise<void> {
  for (const p of positions) {
    await pool.query(
      `INSERT INTO loader_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
      [groupId, p.topic, p.partition, p.offset],
    );
  }
}
