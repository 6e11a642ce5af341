import net from 'node:net';
import type pg from 'pg';
import type { Redis } from '../../../pipeline/src/shared/cache/redis';

export type Reachability = 'up' | 'down';

const TIMEOUT_MS = 1000;

function withTimeout<T>(p: Promise<T>, ms = TIMEOUT_MS): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
}

export async function probeDatabase(pool: pg.Pool): Promise<Reachability> {
  return withTimeout(pool.query('SELECT 1')).then(
    () => 'up',
    () => 'down',
  );
}

/** Whether the Redis client is connected now (no round trip: commands fail fast while it is not). */
export function redisState(redis: Redis): Reachability {
  return redis.status === 'ready' ? 'up' : 'down';
}

/**
 * Whether the first Kafka broker accepts a TCP connection. The API does not use Kafka; /health
 * reports it so one probe shows whether loads can be expected, without a Kafka client here.
 */
export function probeKafka(brokers: readonly string[]): Promise<Reachability> {
  const [host, port] = (brokers[0] ?? '127.0.0.1:9092').split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (r: Reachability) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(TIMEOUT_MS, () => done('down'));
    socket.once('connect', () => done('up'));
    socket.once('error', () => done('down'));
  });
}

/** When the loader last committed filings, from Postgres (indexed by sql/0009). */
export async function lastLoadAt(pool: pg.Pool): Promise<string | null> {
  const { rows } = await withTimeout(
    pool.query<{ at: Date | null }>('SELECT max(loaded_at) AS at FROM filings'),
  );
  return rows[0]?.at?.toISOString() ?? null;
}
