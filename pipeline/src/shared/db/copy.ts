import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;

/** Escapes one value for COPY's text format: backslash, tab, newline and CR; null is \N. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  const s = typeof value === 'string' ? value : String(value);
  if (!SPECIAL.test(s)) {
    return s;
  }
  return s.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

export function copyLine(values: readonly CopyValue[]): string {
  return values.map(copyField).join('\t') + '\n';
}

/**
 * Streams rows into `table` with COPY FROM STDIN inside the caller's transaction. If the stream
 * fails, pg-copy-streams sends CopyFail and the server discards every row of this COPY.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  const sink = client.query(copyFrom(sql));
  let count = 0;
  function* lines() {
    let chunk = '';
    for (const row of rows) {
      chunk += copyLine(row);
      count++;
      // Batching lines into ~64 KiB chunks keeps per-write overhead out of the hot path.
      if (chunk.length > 65536) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) {
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), sink);
  return count;
}
