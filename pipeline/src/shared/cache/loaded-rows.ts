import type { Redis } from './redis';
import type { RedisKeys } from './keys';

/** One committed transaction row, as the loader publishes it and the API's /stream reads it. */
export interface LoadedRowKey {
  accessionNumber: string;
  position: number;
}

/** One entry of the loaded-rows stream: its Redis stream id and the rows, in load order. */
export interface LoadedRowsEntry {
  id: string;
  rows: LoadedRowKey[];
}

/** Rows per stream entry: keeps entries small however large the loader's batch. */
export const ROWS_PER_ENTRY = 500;
/**
 * Entries kept (approximately; Redis trims whole nodes): the window a disconnected /stream client
 * can resume within. 2,000 entries hold at least the last 2,000 batches, up to a million rows.
 */
export const ENTRIES_KEPT = 2000;

/**
 * Appends committed rows to the capped loaded-rows stream, then rings the pub/sub doorbell with
 * the last entry id. Called after COMMIT, so a reader never sees a row Postgres does not have yet.
 */
export async function publishLoadedRows(
  redis: Redis,
  keys: RedisKeys,
  rows: readonly LoadedRowKey[],
): Promise<string[]> {
  const pipe = redis.pipeline();
  for (let i = 0; i < rows.length; i += ROWS_PER_ENTRY) {
    const chunk = rows.slice(i, i + ROWS_PER_ENTRY).map((r) => [r.accessionNumber, r.position]);
    pipe.xadd(keys.loadedRows, 'MAXLEN', '~', String(ENTRIES_KEPT), '*', 'rows', JSON.stringify(chunk));
  }
  const results = (await pipe.exec()) ?? [];
  const ids: string[] = [];
  for (const [err, id] of results) {
    if (err) {
      throw err;
    }
    ids.push(String(id));
  }
  const last = ids[ids.length - 1];
  if (last !== undefined) {
    await redis.publish(keys.loadedRowsChannel, last);
  }
  return ids;
}

/** Parses XRANGE/XREAD entries ([id, [field, value, …]]) into LoadedRowsEntry; skips malformed ones. */
export function parseLoadedRowsEntries(raw: [string, string[]][]): LoadedRowsEntry[] {
  const out: LoadedRowsEntry[] = [];
  for (const [id, fields] of raw) {
    const at = fields.indexOf('rows');
    const json = at >= 0 ? fields[at + 1] : undefined;
    if (json === undefined) {
      continue;
    }
    const parsed = JSON.parse(json) as [string, number][];
    out.push({ id, rows: parsed.map(([accessionNumber, position]) => ({ accessionNumber, position })) });
  }
  return out;
}
