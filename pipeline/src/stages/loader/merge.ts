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
 * Loads rows idempotently at close to raw COPY speed. The common case, rows never seen before, is
 * one COPY straight into the table under a savepoint. If any key already exists (a redelivery, a
 * replay, a re-parsed filing) that COPY fails with unique_violation and is rolled back, and the
 * rows go through a temporary staging table and one INSERT … ON CONFLICT DO UPDATE instead, so a
 * redelivered batch rewrites the same rows. Duplicate keys inside one batch keep the last
 * occurrence (DISTINCT ON over the staging order).
 */
export async function copyAndMerge(
  client: pg.PoolClient,
  spec: TableSpec,
  rows: readonly (readonly CopyValue[])[],
): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  await client.query('SAVEPOINT direct_copy');
  try {
    await copyRows(client, spec.table, spec.columns, rows);
    await client.query('RELEASE SAVEPOINT direct_copy');
    return rows.length;
  } catch (err) {
    await client.query('ROLLBACK TO SAVEPOINT direct_copy');
    if ((err as { code?: string }).code !== '23505') {
      throw err;
    }
  }
  return stageAndMerge(client, spec, rows);
}

async function stageAndMerge(
  client: pg.PoolClient,
  spec: TableSpec,
  rows: readonly (readonly CopyValue[])[],
): Promise<number> {
  const stage = `stage_${spec.table}`;
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE ${spec.table} INCLUDING DEFAULTS, stage_seq bigserial) ON COMMIT DELETE ROWS`,
  );
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
