/**
 * Every failure says whether retrying can help. Non-retriable failures of a record send it to the
 * dead-letter topic; retriable ones back off and, when exhausted, crash so Kafka redelivers.
 */
export class PipelineError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A user-facing failure of a command: printed without a stack, exit status 1. */
export class UsageError extends PipelineError {
  constructor(message: string) {
    super(message, 'USAGE', false);
  }
}

/**
 * Whether retrying can help, decided here for every consumer: an error that says so
 * (`retriable: false`, as PipelineError and kafkajs errors do) is believed; any other error (a
 * driver's "connection terminated", a registry timeout) is taken as retriable, the rule kafkajs
 * uses, because a dependency that is down must not look like a bad record.
 */
export function isRetriable(err: unknown): boolean {
  if (typeof err === 'object' && err !== null && 'retriable' in err) {
    return err.retriable !== false;
  }
  return true;
}

/**
 * How long a consumer keeps retrying one batch that fails with a retriable error.
 *
 * "Exhausted" means exactly this: the batch has kept failing for `budgetMs` since its first
 * failure. The consumer then crashes: it leaves the group without committing that batch and
 * restarts (the batch is redelivered to whichever member owns the partition next), under the
 * {@link RestartPolicy}. Ten minutes outlasts a Postgres failover or a broker restart, and is twice
 * the five minutes after which the BatchesRetrying alert fires.
 */
export interface RetryPolicy {
  budgetMs: number;
}

export const RETRY_POLICY: RetryPolicy = { budgetMs: 10 * 60_000 };

export function isExhausted(
  firstFailureAt: number,
  now: number,
  policy: RetryPolicy = RETRY_POLICY,
): boolean {
  return now - firstFailureAt >= policy.budgetMs;
}

/**
 * A crashed consumer restarts (a non-retriable error thrown by a stage, exhausted retries, or a
 * kafkajs crash); more than `max` restarts within `windowMs` means restarting does not help, and
 * the process exits non-zero so its supervisor (systemd, Kubernetes, the chaos harness) sees it.
 */
export interface RestartPolicy {
  max: number;
  windowMs: number;
}

export const RESTART_POLICY: RestartPolicy = { max: 10, windowMs: 10 * 60_000 };

/** The batch kept failing with retriable errors for the whole retry budget. */
export class RetriesExhausted extends PipelineError {
  constructor(budgetMs: number, cause: unknown) {
    super(
      `batch still failing after retrying for ${Math.round(budgetMs / 1000)} s`,
      'RETRIES_EXHAUSTED',
      true,
      {
        cause,
      },
    );
  }
}

/** A consumer restarted more often than its restart policy allows: the process must exit. */
export class ConsumerGaveUp extends PipelineError {
  constructor(groupId: string, policy: RestartPolicy, cause: unknown) {
    super(
      `consumer group ${groupId} restarted more than ${policy.max} times in ${Math.round(policy.windowMs / 1000)} s`,
      'CONSUMER_GAVE_UP',
      false,
      { cause },
    );
  }
}
