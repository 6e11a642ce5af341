const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  readonly deadline: number;
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  /** Checked between attempts: when it says the process is gone, waiting stops at once. */
  readonly alive?: () => Promise<boolean>;
}

/** Retries `check` until it resolves, the deadline passes, the process exits or `signal` aborts. */
export async function waitUntilHealthy<T>(check: () => Promise<T>, options: WaitOptions): Promise<T> {
  let last: unknown;
  for (;;) {
    if (options.signal?.aborted) {
      throw new Error('interrupted');
    }
    try {
      return await check();
    } catch (err) {
      last = err;
    }
    if (options.alive && !(await options.alive())) {
      throw new Error('the process exited');
    }
    if (Date.now() >= options.deadline) {
      const why = last instanceof Error ? last.message : String(last);
      throw new Error(`not healthy in time (last check: ${why})`);
    }
    await sleep(options.intervalMs ?? 500);
  }
}
