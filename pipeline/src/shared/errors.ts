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
