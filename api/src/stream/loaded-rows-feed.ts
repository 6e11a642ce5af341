import type { Redis } from '../../../pipeline/src/shared/cache/redis';
import type { RedisKeys } from '../../../pipeline/src/shared/cache/keys';
import { parseLoadedRowsEntries } from '../../../pipeline/src/shared/cache/loaded-rows';
import type { LoadedRowsEntry } from '../../../pipeline/src/shared/cache/loaded-rows';
import type { Logger } from '../../../pipeline/src/shared/logger';

/** A Redis stream id "ms-seq"; compared numerically, never as text. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

export function compareStreamIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am === bm ? (as === bs ? 0 : as < bs ? -1 : 1) : am < bm ? -1 : 1;
}

export type FeedListener = (entry: LoadedRowsEntry) => void;

export interface LoadedRowsFeed {
  /** Starts following (idempotent): entries appended before this are history, not news. */
  start(): Promise<void>;
  /**
   * Calls `listener` with every entry appended from now on, in order, and `onClose` when the feed
   * closes (the API shuts down: open event streams end so the server can drain); returns the
   * unsubscribe.
   */
  subscribe(listener: FeedListener, onClose?: () => void): () => void;
  /** Entries with id ≥ `fromId` up to the newest the feed has delivered (a reconnect's backlog). */
  readFrom(fromId: string): Promise<LoadedRowsEntry[]>;
  /** The oldest entry id still kept (older ones were trimmed), or null when the stream is empty. */
  oldestId(): Promise<string | null>;
  close(): Promise<void>;
}

const PAGE = 200;

/**
 * One per API process: follows the loader's capped loaded-rows stream and fans entries out to the
 * open /stream connections. The loader's pub/sub message only says "something new"; the feed then
 * reads the stream from the last id it delivered, so a missed message (a Redis reconnect) costs
 * at most one poll interval, never an entry.
 */
export function createLoadedRowsFeed(options: {
  redis: Redis;
  keys: RedisKeys;
  logger: Logger;
  pollMs?: number;
}): LoadedRowsFeed {
  const { redis, keys, logger } = options;
  const subscriber = redis.duplicate();
  const listeners = new Set<FeedListener>();
  const closers = new Set<() => void>();
  // Everything up to here existed before the feed started: new listeners get only what follows.
  let lastId: string | null = null;
  let ready: Promise<void> | null = null;
  let pulling: Promise<void> = Promise.resolve();
  let closed = false;

  const start = (): Promise<void> =>
    (ready ??= (async () => {
      const newest = (await redis.xrevrange(keys.loadedRows, '+', '-', 'COUNT', 1)) as [string, string[]][];
      lastId = newest[0]?.[0] ?? '0-0';
      subscriber.on('message', () => void pull());
      await subscriber.subscribe(keys.loadedRowsChannel);
    })());

  const pullOnce = async (): Promise<void> => {
    for (;;) {
      const raw = (await redis.xrange(keys.loadedRows, `(${lastId ?? '0-0'}`, '+', 'COUNT', PAGE)) as [
        string,
        string[],
      ][];
      for (const entry of parseLoadedRowsEntries(raw)) {
        lastId = entry.id;
        for (const l of listeners) {
          l(entry);
        }
      }
      const lastRaw = raw[raw.length - 1];
      if (lastRaw) {
        lastId = lastRaw[0];
      }
      if (raw.length < PAGE) {
        return;
      }
    }
  };
  const pull = (): Promise<void> =>
    (pulling = pulling
      .then(() => (closed || lastId === null ? undefined : pullOnce()))
      .catch((err: unknown) => logger.warn('reading the loaded-rows stream failed', { err })));

  const timer = setInterval(() => void pull(), options.pollMs ?? 2000);
  timer.unref();

  return {
    start,
    subscribe(listener, onClose) {
      listeners.add(listener);
      if (onClose) {
        closers.add(onClose);
      }
      return () => {
        listeners.delete(listener);
        if (onClose) {
          closers.delete(onClose);
        }
      };
    },
    async readFrom(fromId) {
      await start();
      // Deliver whatever is pending first, so the backlog and the live feed meet at lastId.
      await pull();
      const upTo = lastId ?? '0-0';
      const out: LoadedRowsEntry[] = [];
      let from = fromId;
      for (;;) {
        const raw = (await redis.xrange(keys.loadedRows, from, upTo, 'COUNT', PAGE)) as [string, string[]][];
        out.push(...parseLoadedRowsEntries(raw));
        const last = raw[raw.length - 1];
        if (!last || raw.length < PAGE) {
          return out;
        }
        from = `(${last[0]}`;
      }
    },
    async oldestId() {
      const oldest = (await redis.xrange(keys.loadedRows, '-', '+', 'COUNT', 1)) as [string, string[]][];
      return oldest[0]?.[0] ?? null;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      listeners.clear();
      for (const c of [...closers]) {
        c();
      }
      closers.clear();
      await subscriber.quit().catch(() => undefined);
    },
  };
}
