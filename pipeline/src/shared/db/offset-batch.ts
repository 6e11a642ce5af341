import type pg from 'pg';
import type { DeadLetterSink } from '../dead-letter';
import type { InBatch, InMessage } from '../kafka/consumer';
import type { Logger } from '../logger';
import { lockNextOffset, saveNextOffset } from './stored-offsets';
import { inTransaction } from './transaction';

/** A record that goes to the dead-letter topic instead of the database, and why. */
export interface Rejected {
  message: InMessage;
  code: string;
  reason: string;
}

export interface Decoded<T> {
  message: InMessage;
  value: T;
}

/** What one stage does with a batch; runOffsetBatch does the rest. */
export interface OffsetBatchStep<T, R> {
  /** Reads one message. A non-retriable throw sends that message to the dead-letter topic. */
  decode(message: InMessage): Promise<T>;
  /** Dead-letter code for a message that decode rejected. */
  undecodableCode: string;
  /**
   * Writes the fresh (not yet stored) records inside the batch's transaction. Returns its result
   * and any records it could not write (they are dead-lettered in the same transaction).
   */
  apply(client: pg.PoolClient, fresh: Decoded<T>[]): Promise<{ result: R; rejected: Rejected[] }>;
}

export interface OffsetBatchDeps {
  pool: pg.Pool;
  deadLetters: DeadLetterSink;
  logger: Logger;
  /** Owner of the stage's rows in loader_offsets (its consumer group). */
  groupId: string;
  /** Started before the transaction; the returned function is called after COMMIT. */
  timeTransaction?: () => () => unknown;
}

export interface OffsetBatchOutcome<T, R> {
  result: R;
  /** Decoded records at or past the stored offset, given to apply. */
  fresh: Decoded<T>[];
  /** Records sent to the dead-letter topic (undecodable or refused by apply). */
  dead: Rejected[];
  /** Records below the stored offset: a redelivery of work already committed. */
  skipped: number;
}

const isRetriable = (err: unknown): boolean => (err as { retriable?: boolean }).retriable === true;

/**
 * The batch skeleton of every stage whose consumed offsets live in Postgres (loader, aggregator).
 * In one transaction: lock the partition's stored offset, skip what it says was done (a
 * redelivery), apply the rest, dead-letter what could not be read or written, store the next
 * offset, COMMIT. So the data and the offset commit together, and a crash anywhere before COMMIT
 * redoes the whole batch. Dead letters are produced before COMMIT: a crash in between sends one
 * twice, which is the safe direction (never lost). A retriable error (database or broker down)
 * propagates, so the consumer retries the batch. Returns null for an empty batch.
 */
export async function runOffsetBatch<T, R>(
  deps: OffsetBatchDeps,
  batch: InBatch,
  step: OffsetBatchStep<T, R>,
): Promise<OffsetBatchOutcome<T, R> | null> {
  const last = batch.messages[batch.messages.length - 1];
  if (!last) {
    return null;
  }
  const decoded: Decoded<T>[] = [];
  const undecodable: Rejected[] = [];
  for (const message of batch.messages) {
    try {
      decoded.push({ message, value: await step.decode(message) });
    } catch (err) {
      if (isRetriable(err)) {
        throw err;
      }
      const reason = err instanceof Error ? err.message : String(err);
      undecodable.push({ message, code: step.undecodableCode, reason });
    }
  }
  const done = deps.timeTransaction?.();
  const outcome = await inTransaction(deps.pool, async (client) => {
    const next = await lockNextOffset(client, deps.groupId, batch.topic, batch.partition);
    const fresh = decoded.filter((d) => BigInt(d.message.offset) >= next);
    const dead = undecodable.filter((r) => BigInt(r.message.offset) >= next);
    const skipped = batch.messages.length - fresh.length - dead.length;
    const applied = await step.apply(client, fresh);
    dead.push(...applied.rejected);
    for (const r of dead) {
      deps.logger.warn('record sent to dead-letter topic', {
        topic: batch.topic,
        partition: batch.partition,
        offset: r.message.offset,
        code: r.code,
        reason: r.reason,
      });
      await deps.deadLetters.send(r.message, { code: r.code, message: r.reason });
    }
    await saveNextOffset(client, deps.groupId, batch.topic, batch.partition, BigInt(last.offset) + 1n);
    return { result: applied.result, fresh, dead, skipped };
  });
  done?.();
  return outcome;
}
