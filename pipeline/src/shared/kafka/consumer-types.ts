import type { RestartPolicy, RetryPolicy } from '../errors';
import type { Logger } from '../logger';

/** The batch consumer's public types, apart from its implementation (consumer.ts, consumer-member.ts). */
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

/** What a consumer reports as it goes (the stage turns these into metrics). */
export interface ConsumerEvents {
  onBatchDone?(batch: InBatch, durationMs: number): void;
  /** A batch failed with a retriable error and will be retried after a backoff. */
  onRetry?(err: unknown, attempt: number): void;
  /** +1 when a batch starts retrying, -1 when it stops (succeeded, stopped or crashed). */
  onRetrying?(delta: 1 | -1): void;
  /** The consumer crashed; it restarts unless the restart policy is used up. */
  onCrash?(err: unknown, retriable: boolean): void;
  onRestart?(): void;
  onHeartbeatFailure?(err: unknown): void;
  /** This member joined the group again (a rebalance it took part in). */
  onRebalance?(): void;
  /** The group's lag on one partition, measured from the brokers on a timer. */
  onLag?(topic: string, partition: number, lag: number): void;
}

export interface BatchConsumerOptions extends ConsumerEvents {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts. @defaultValue true */
  fromBeginning?: boolean;
  logger: Logger;
  /**
   * Processes one batch of one partition. A retriable error (see `isRetriable` in shared/errors)
   * retries the same batch with jittered backoff until it succeeds, the consumer stops, or the
   * retry policy is exhausted; a non-retriable one crashes the consumer at once. Either way the
   * batch is not committed, so nothing is lost. Bad records must be handled inside
   * (dead-lettered), not thrown.
   */
  handle(batch: InBatch, ctx: BatchContext): Promise<void>;
  /**
   * Called after every rebalance with the partitions this member now owns; positions returned are
   * sought before fetching (the loader uses it to resume from offsets stored in Postgres).
   */
  positionsFor?(assigned: { topic: string; partition: number }[]): Promise<PartitionPosition[]>;
  /** @defaultValue RETRY_POLICY */
  retry?: RetryPolicy;
  /** @defaultValue RESTART_POLICY */
  restarts?: RestartPolicy;
  /** How often lag is measured. @defaultValue 15000 */
  lagIntervalMs?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
  /** Settles only if the consumer gave up (restarts exhausted): the process must then exit non-zero. */
  readonly failed: Promise<Error>;
}
