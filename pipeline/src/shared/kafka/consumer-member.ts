import type { Consumer, EachBatchPayload, IHeaders } from 'kafkajs';
import { backoffDelay, sleepUnlessStopped } from '../backoff';
import { isExhausted, isRetriable, RetriesExhausted } from '../errors';
import type { RetryPolicy } from '../errors';
import type { Logger } from '../logger';
import type { KafkaClient } from './client';
import type { BatchConsumerOptions, InBatch } from './consumer-types';

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

function toInBatch(batch: EachBatchPayload['batch']): InBatch {
  return {
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
}

export interface MemberHooks {
  /** The member must be replaced: it stops consuming at once and commits nothing more. */
  crash(err: unknown, retriable: boolean): void;
  /** kafkajs crashed and restarts the member itself. */
  restartedByClient(err: unknown): void;
  stopping(): boolean;
}

export interface Member {
  disconnect(): Promise<void>;
}

/**
 * One kafkajs consumer in the group. It processes batches until it crashes (a non-retriable error
 * from `handle`, or retries exhausted) and then stops touching its partitions; the supervisor in
 * consumer.ts disconnects it and starts a new one.
 */
export async function startMember(
  kafka: KafkaClient,
  opts: BatchConsumerOptions,
  retry: RetryPolicy,
  log: Logger,
  hooks: MemberHooks,
): Promise<Member> {
  const consumer: Consumer = kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 30000,
    heartbeatInterval: 3000,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  let crashed = false;
  const crash = (err: unknown, retriable: boolean) => {
    if (!crashed) {
      crashed = true;
      hooks.crash(err, retriable);
    }
  };
  const live = () => !crashed && !hooks.stopping();

  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    opts.onRebalance?.();
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
    const err = event.payload.error;
    if (event.payload.restart) {
      // kafkajs restarts this consumer by itself after a retriable failure (brokers unreachable).
      hooks.restartedByClient(err);
    } else {
      // kafkajs gives up on a non-retriable failure and leaves the consumer idle: replace it.
      crash(err, false);
    }
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
      const heartbeat = async () => {
        try {
          await payload.heartbeat();
        } catch (err) {
          opts.onHeartbeatFailure?.(err);
          log.warn('heartbeat failed', { topic: batch.topic, partition: batch.partition, err });
          throw err;
        }
      };
      const running = () => payload.isRunning() && !payload.isStale() && live();
      if (batch.messages.length === 0 || !running()) {
        return;
      }
      const inBatch = toInBatch(batch);
      const started = Date.now();
      let firstFailure: number | undefined;
      try {
        for (let attempt = 1; ; attempt++) {
          if (!running()) {
            return;
          }
          // A handler that works longer than the session timeout on one batch (a large backlog)
          // would be expelled from the group; heartbeats keep its membership while it works.
          const beating = setInterval(() => void heartbeat().catch(() => undefined), 3000);
          try {
            await opts.handle(inBatch, { heartbeat, isRunning: running });
            break;
          } catch (err) {
            if (!isRetriable(err)) {
              log.error('batch failed with a non-retriable error; the consumer restarts', {
                topic: batch.topic,
                partition: batch.partition,
                err,
              });
              crash(err, false);
              return;
            }
            if (firstFailure === undefined) {
              firstFailure = Date.now();
              opts.onRetrying?.(1);
            }
            if (isExhausted(firstFailure, Date.now(), retry)) {
              log.error('retries exhausted; the consumer restarts', {
                topic: batch.topic,
                partition: batch.partition,
                attempt,
                err,
              });
              crash(new RetriesExhausted(retry.budgetMs, err), true);
              return;
            }
            opts.onRetry?.(err, attempt);
            const delay = backoffDelay(attempt);
            log.warn('batch failed; retrying', {
              topic: batch.topic,
              partition: batch.partition,
              attempt,
              delayMs: delay,
              err,
            });
            await sleepUnlessStopped(delay, () => !running(), heartbeat);
          } finally {
            clearInterval(beating);
          }
        }
      } finally {
        if (firstFailure !== undefined) {
          opts.onRetrying?.(-1);
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
  return { disconnect: () => consumer.disconnect() };
}
