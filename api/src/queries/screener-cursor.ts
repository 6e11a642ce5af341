import { createHash } from 'node:crypto';

/**
 * The screener's opaque page cursor: the sort key and tie-breakers of the last row served, plus a
 * digest of the query it belongs to. Keyset, never an offset, so rows loaded between two pages
 * neither shift nor repeat what a client already saw. Clients must treat it as opaque.
 */
export interface CursorPosition {
  /** The last row's sort key as Postgres printed it (text round-trips exactly, incl. ±infinity). */
  sortKey: string;
  /** Tie-breakers after the sort key: [accession, position] for rows, [group key] for groups. */
  tieBreak: (string | number)[];
}

export class BadCursorError extends Error {}

/** A short digest of everything that shapes the result set except the cursor itself. */
export function queryDigest(shape: unknown): string {
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 12);
}

export function encodeCursor(digest: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ q: digest, k: position.sortKey, t: position.tieBreak })).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, digest: string): CursorPosition {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
      throw new Error('not base64url');
    }
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError('cursor is not one this API issued');
  }
  const c = parsed as { q?: unknown; k?: unknown; t?: unknown };
  if (
    typeof c.q !== 'string' ||
    typeof c.k !== 'string' ||
    !Array.isArray(c.t) ||
    c.t.length === 0 ||
    c.t.length > 2 ||
    !c.t.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))
  ) {
    throw new BadCursorError('cursor is not one this API issued');
  }
  if (c.q !== digest) {
    throw new BadCursorError('cursor belongs to a different query (filters, grouping or sort changed)');
  }
  return { sortKey: c.k, tieBreak: c.t as (string | number)[] };
}
