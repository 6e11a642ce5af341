import { backoffDelay, sleepUnlessStopped } from '../backoff';
import { ConsumerGaveUp, isRetriable, RESTART_POLICY, RETRY_POLICY } from '../errors';
import { createRestartBudget } from '../restart-budget';
import type { KafkaClient } from './client';
import { startMember } from './consumer-member';
import type { Member } from './consumer-member';
import { groupLag } from './group-offsets';
import type { BatchConsumerOptions, RunningConsumer } from './consumer-types';

export type {
  InMessage,
  InBatch,
  BatchContext,
  PartitionPosition,
  ConsumerEvents,
  BatchConsumerOptions,
  RunningConsumer,
} from './consumer-types';

/**
 * One way to consume for every stage: batches per partition, offsets resolved and committed only
 * after `handle` succeeded, heartbeats during retries, and a clean stop that lets the current
 * batch finish. A crash replaces the kafkajs consumer with a new one (resuming from the committed
 * offsets); too many restarts in the policy's window settle `failed`.
 */
export async function startBatchConsumer(
  kafka: KafkaClient,
  opts: BatchConsumerOptions,
): Promise<RunningConsumer> {
  const log = opts.logger.child({ groupId: opts.groupId });
  const retry = opts.retry ?? RETRY_POLICY;
  const policy = opts.restarts ?? RESTART_POLICY;
  const budget = createRestartBudget(policy);
  let stopping = false;
  let member: Member | undefined;
  let giveUp: (err: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (giveUp = resolve));
  let replacing: Promise<void> | undefined;

  /** Counts a restart; false (and `failed` settled) when the policy is used up. */
  const allowRestart = (cause: unknown): boolean => {
    if (budget.allow(Date.now())) {
      opts.onRestart?.();
      return true;
    }
    const err = new ConsumerGaveUp(opts.groupId, policy, cause);
    log.error('consumer gave up; the process must exit', { err, cause });
    stopping = true;
    giveUp(err);
    return false;
  };

  const hooks = {
    stopping: () => stopping,
    crash(err: unknown, retriable: boolean) {
      opts.onCrash?.(err, retriable);
      log.error('consumer crashed', { err, retriable });
      replacing ??= replace(err).finally(() => (replacing = undefined));
    },
    restartedByClient(err: unknown) {
      opts.onCrash?.(err, isRetriable(err));
      log.error('consumer crashed; kafkajs restarts it', { err });
      if (!allowRestart(err)) {
        void member?.disconnect().catch(() => undefined);
      }
    },
  };

  async function replace(cause: unknown): Promise<void> {
    // Disconnecting waits for the crashed batch handler to return, so it must not be awaited there.
    await member
      ?.disconnect()
      .catch((err: unknown) => log.warn('crashed consumer did not disconnect', { err }));
    member = undefined;
    for (let attempt = 1; !stopping; attempt++) {
      if (!allowRestart(cause)) {
        return;
      }
      await sleepUnlessStopped(backoffDelay(attempt, 1000, 30000), () => stopping);
      if (stopping) {
        return;
      }
      try {
        member = await startMember(kafka, opts, retry, log, hooks);
        log.info('consumer restarted', { attempt });
        return;
      } catch (err) {
        opts.onCrash?.(err, isRetriable(err));
        log.error('consumer restart failed', { err, attempt });
        cause = err;
      }
    }
  }

  member = await startMember(kafka, opts, retry, log, hooks);

  // Lag from the brokers on a timer: a stuck or crashed consumer still reports its growing lag.
  const measureLag = async () => {
    if (!opts.onLag) {
      return;
    }
    try {
      for (const p of await groupLag(kafka, opts.groupId, opts.topics)) {
        opts.onLag(p.topic, p.partition, p.lag);
      }
    } catch (err) {
      log.debug('lag not measured', { err });
    }
  };
  let measuring: Promise<void> | undefined;
  const measureOnce = () => {
    measuring ??= measureLag().finally(() => (measuring = undefined));
  };
  // Once now, so the series exists from the start (a dashboard or alert never waits a whole interval).
  measureOnce();
  const lagTimer = setInterval(measureOnce, opts.lagIntervalMs ?? 15000);
  lagTimer.unref();

  return {
    failed,
    async stop() {
      stopping = true;
      clearInterval(lagTimer);
      await replacing;
      await measuring;
      await member?.disconnect();
    },
  };
}
