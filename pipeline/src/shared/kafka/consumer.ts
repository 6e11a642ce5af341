import type { Consumer, EachBatchPayload, IHeaders } from 'kafkajs';
import type { Logger } from '../logger';
import type { KafkaClient } from './client';
import { backoffDelay, sleepUnlessStopped } from '../backoff';

export interface InMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Broker/producer timestamp, ms since epoch. */
  timestamp: number;
}

export interface InBatch {
  topic: string;
  partition: number;
  messages: InMessage[];
  /** The partition's high watermark when the batch was fetched (for lag). */
  highWatermark: string;
}

export interface BatchContext {
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface PartitionPosition {
  topic: string;
  partition: number;
  /** Next offset to read. */
  offset: string;
}

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts. @defaultValue true */
  fromBeginning?: boolean;
  logger: Logger;
  /**
   * Processes one batch of one partition. Throwing pauses the partition: the same batch is
   * retried with jittered backoff until it succeeds or the consumer stops, so nothing is lost.
   * Bad records must be handled inside (dead-lettered), not thrown.
   */
  handle(batch: InBatch, ctx: BatchContext): Promise<void>;
  /**
   * Called after every rebalance with the partitions this member now owns; positions returned are
   * sought before fetching (the loader uses it to resume from offsets stored in Postgres).
   */
  positionsFor?(assigned: { topic: string; partition: number }[]): Promise<PartitionPosition[]>;
  onBatchDone?(batch: InBatch, durationMs: number): void;
  onRetry?(err: unknown, attempt: number): void;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

function toHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) {
      continue;
    }
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) {
      out[k] = first.toString();
    }
  }
  return out;
}

/**
 * One way to consume for every stage: batches per partition, offsets resolved and committed only
 * after `handle` succeeded, heartbeats during retries, and a clean stop that lets the current
 * batch finish.
 */
export async function startBatchConsumer(
  kafka: KafkaClient,
  opts: BatchConsumerOptions,
): Promise<RunningConsumer> {
  const consumer: Consumer = kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 30000,
    heartbeatInterval: 3000,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  const log = opts.logger.child({ groupId: opts.groupId });
  let stopping = false;

  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const assigned = Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
      partitions.map((partition) => ({ topic, partition })),
    );
    log.info('partitions assigned', { assigned: assigned.map((a) => `${a.topic}[${a.partition}]`) });
    if (!opts.positionsFor) {
      return;
    }
    opts
      .positionsFor(assigned)
      .then((positions) => {
        for (const p of positions) {
          consumer.seek({ topic: p.topic, partition: p.partition, offset: p.offset });
        }
      })
      .catch((err: unknown) =>
        log.warn(
          'could not read stored positions; starting from committed offsets (redelivery is still skipped)',
          { err },
        ),
      );
  });
  consumer.on(consumer.events.CRASH, (event) => {
    log.error('consumer crashed', { err: event.payload.error, restart: event.payload.restart });
  });

  await consumer.connect();
  for (const topic of opts.topics) {
    await consumer.subscribe({ topic, fromBeginning: opts.fromBeginning ?? true });
  }
  await consumer.run({
    eachBatchAutoResolve: false,
    autoCommit: true,
    autoCommitInterval: 1000,
    eachBatch: async (payload: EachBatchPayload) => {
      const { batch } = payload;
      const heartbeat = () => payload.heartbeat();
      const isRunning = () => payload.isRunning();
      const isStale = () => payload.isStale();
      if (batch.messages.length === 0) {
        return;
      }
      const inBatch: InBatch = {
        topic: batch.topic,
        partition: batch.partition,
        highWatermark: batch.highWatermark,
        messages: batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key ? m.key.toString() : null,
          value: m.value,
          headers: toHeaders(m.headers),
          timestamp: Number(m.timestamp),
        })),
      };
      const started = Date.now();
      for (let attempt = 1; ; attempt++) {
        if (!isRunning() || isStale() || stopping) {
          return;
        }
        // A handler that works longer than the session timeout on one batch (a large backlog)
        // would be expelled from the group; heartbeats keep its membership while it works.
        const beating = setInterval(() => void heartbeat().catch(() => undefined), 3000);
        try {
          await opts.handle(inBatch, { heartbeat, isRunning: () => isRunning() && !isStale() && !stopping });
          break;
        } catch (err) {
          opts.onRetry?.(err, attempt);
          const delay = backoffDelay(attempt);
          log.warn('batch failed; retrying', {
            topic: batch.topic,
            partition: batch.partition,
            attempt,
            delayMs: delay,
            err,
          });
          await sleepUnlessStopped(delay, () => !isRunning() || stopping, heartbeat);
        } finally {
          clearInterval(beating);
        }
      }
      payload.resolveOffset(batch.lastOffset());
      // Commit each finished batch now rather than on the next one: an idle partition's progress
      // is then visible to the admin API (replay progress, lag) without waiting for more input.
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
      });
      await heartbeat();
      opts.onBatchDone?.(inBatch, Date.now() - started);
    },
  });

  return {
    async stop() {
      stopping = true;
      await consumer.disconnect();
    },
  };
}
