import type { Redis } from '../../pipeline/src/shared/cache/redis';

/**
 * The market version (bumped by the loader after every commit), read from Redis at most once per
 * `refreshMs`. Cached answers are keyed by it, so they are never older than one refresh after a
 * load (refreshMs is half the configured staleness bound). While Redis fails, `current()` returns
 * undefined: nothing cached may then be trusted, and answers come from Postgres.
 */
export function createDataVersion(redis: Redis, versionKey: string, refreshMs: number) {
  let value: string | undefined;
  let readAt = 0;
  let inFlight: Promise<string | undefined> | undefined;

  async function read(): Promise<string | undefined> {
    if (redis.status !== 'ready') {
      value = undefined;
      readAt = Date.now();
      return value;
    }
    try {
      value = (await redis.get(versionKey)) ?? '0';
    } catch {
      value = undefined;
    }
    readAt = Date.now();
    return value;
  }

  return {
    current(): Promise<string | undefined> | string | undefined {
      if (Date.now() - readAt < refreshMs) {
        return value;
      }
      inFlight ??= read().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}

export type DataVersion = ReturnType<typeof createDataVersion>;
