import type pg from 'pg';
import { copyRows } from '../../shared/db/copy';
import type { CopyValue } from '../../shared/db/copy';

export interface TableSpec {
  table: string;
  columns: readonly string[];
  /** Columns of the primary key: the identity a redelivered row is merged on. */
  key: readonly string[];
}

/**
 * COPY into a temporary staging table, then one INSERT … ON CONFLICT DO UPDATE into the real
 * table: bulk speed with idempotent results, so a redelivered batch rewrites the same rows.
 * Duplicate keys inside one batch keep the last occurrence (DISTINCT ON over the staging order).
 */
export async function copyAndMerge(client: pg.PoolClient, spec: TableSpec, rows: readonly (readonly CopyValue[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  const stage = `stage_${spec.table}`;
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE ${spec.table} INCLUDING DEFAULTS, stage_seq bigserial) ON COMMIT DELETE ROWS`);
  await copyRows(client, stage, spec.columns, rows);
  const cols = spec.columns.join(', ');
  const updates = spec.columns.filter((c) => !spec.key.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  const onConflict = updates.length > 0 ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  const result = await client.query(
    `INSERT INTO ${spec.table} (${cols})
     SELECT DISTINCT ON (${spec.key.join(', ')}) ${cols} FROM ${stage} ORDER BY ${spec.key.join(', ')}, stage_seq DESC
     ON CONFLICT (${spec.key.join(', ')}) ${onConflict}`,
  );
  await client.query(`TRUNCATE ${stage}`);
  return result.rowCount ?? 0;
}
