import type Koa from 'koa';
import type pg from 'pg';
import type { LoadedRowsEntry } from '../../../pipeline/src/shared/cache/loaded-rows';
import type { Logger } from '../../../pipeline/src/shared/logger';
import { runScreener } from '../queries/screener';
import type { ScreenerFilters, ScreenerRow } from '../queries/screener';
import { compareStreamIds, STREAM_ID } from './loaded-rows-feed';
import type { LoadedRowsFeed } from './loaded-rows-feed';

/** An event id: the loaded-rows entry id and the row's index in it ("1764630000000-0:12"). */
export interface EventPosition {
  entryId: string;
  index: number;
}

export function parseEventId(raw: string): EventPosition | null {
  const m = /^(\d{1,20}-\d{1,20}):(\d{1,4})$/.exec(raw);
  if (!m || !STREAM_ID.test(m[1]!)) {
    return null;
  }
  return { entryId: m[1]!, index: Number(m[2]) };
}

const HEARTBEAT_MS = 15_000;

/** The rows of one entry that pass the filters, with their index in the entry, in entry order. */
export async function matchingRows(
  pool: pg.Pool,
  filters: ScreenerFilters,
  entry: LoadedRowsEntry,
): Promise<{ index: number; row: ScreenerRow }[]> {
  const page = await runScreener(pool, {
    filters: { ...filters, keys: entry.rows },
    group: 'none',
    sort: 'filing_date',
    order: 'desc',
    limit: entry.rows.length,
  });
  const byKey = new Map((page.data as ScreenerRow[]).map((r) => [`${r.accessionNumber}:${r.position}`, r]));
  const out: { index: number; row: ScreenerRow }[] = [];
  entry.rows.forEach((k, index) => {
    const row = byKey.get(`${k.accessionNumber}:${k.position}`);
    if (row) {
      out.push({ index, row });
    }
  });
  return out;
}

/**
 * Answers with Server-Sent Events: every newly loaded transaction row that passes the filters,
 * each with an id. Given the id of the last event a client saw (Last-Event-ID), it first replays
 * what followed from the capped stream, then continues live: the live entries that arrive during
 * the replay are held back and deduplicated by id, so the two meet without a gap or a repeat.
 * When the resume point was already trimmed from the stream, a `gap` event says so (the client
 * should re-query /screener for the missed interval) before the stream continues.
 */
export async function serveTransactionStream(
  ctx: Koa.Context,
  deps: { pool: pg.Pool; feed: LoadedRowsFeed; logger: Logger },
  filters: ScreenerFilters,
  resumeFrom: EventPosition | null,
): Promise<void> {
  await deps.feed.start();
  // Written to the socket directly (ctx.respond = false): Koa would report a client's normal
  // disconnect from a streamed body as an error.
  ctx.respond = false;
  ctx.status = 200;
  const res = ctx.res;
  res.socket?.setTimeout(0);
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let ended = false;
  const out = {
    write: (text: string): void => {
      if (!ended && !res.destroyed) {
        res.write(text);
      }
    },
    end: (): void => {
      if (!ended) {
        ended = true;
        res.end();
      }
    },
  };
  out.write('retry: 2000\n\n');

  let closed = false;
  let held: LoadedRowsEntry[] | null = [];
  let chain: Promise<void> = Promise.resolve();
  let lastSent: EventPosition | null = resumeFrom;

  const send = async (entry: LoadedRowsEntry): Promise<void> => {
    if (closed || (lastSent && compareStreamIds(entry.id, lastSent.entryId) < 0)) {
      return;
    }
    const skipUpTo = lastSent && entry.id === lastSent.entryId ? lastSent.index : -1;
    for (const { index, row } of await matchingRows(deps.pool, filters, entry)) {
      if (index > skipUpTo && !closed) {
        out.write(`id: ${entry.id}:${index}\nevent: transaction\ndata: ${JSON.stringify(row)}\n\n`);
      }
    }
    lastSent = { entryId: entry.id, index: entry.rows.length - 1 };
  };
  const enqueue = (entry: LoadedRowsEntry): void => {
    chain = chain
      .then(() => send(entry))
      .catch((err: unknown) => {
        deps.logger.warn('stream event failed; closing the connection so the client resumes', { err });
        out.end();
      });
  };
  const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = (): void => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    out.end();
  };
  const unsubscribe = deps.feed.subscribe((entry) => (held ? held.push(entry) : enqueue(entry)), close);
  res.on('close', close);
  res.on('error', close);

  try {
    if (resumeFrom) {
      const oldest = await deps.feed.oldestId();
      if (oldest === null || compareStreamIds(resumeFrom.entryId, oldest) < 0) {
        out.write(
          `event: gap\ndata: ${JSON.stringify({ lastEventId: `${resumeFrom.entryId}:${resumeFrom.index}`, oldestKept: oldest })}\n\n`,
        );
      }
      for (const entry of await deps.feed.readFrom(resumeFrom.entryId)) {
        enqueue(entry);
      }
    }
  } catch (err) {
    deps.logger.warn('stream replay failed', { err });
    close();
    return;
  }
  const pending = held;
  held = null;
  for (const entry of pending) {
    enqueue(entry);
  }
}
