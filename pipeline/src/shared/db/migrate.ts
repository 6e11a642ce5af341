import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from '../logger';
import { PipelineError } from '../errors';

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** Any constant works; it only has to be the same for every migrating process. */
const LOCK_KEY = 727_001;

export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const m = FILE_PATTERN.exec(file);
      if (!m) {
        throw new PipelineError(
          `migration file name must look like 0001_name.sql: ${file}`,
          'MIGRATION_NAME',
          false,
        );
      }
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { version: m[1]!, name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations in order, each in its own transaction, under a session advisory lock
 * so that several processes starting at once migrate exactly once. Migrations are append-only: an
 * applied file whose checksum changed is an error, not something to re-run.
 */
export async function migrate(pool: pg.Pool, dir: string, logger: Logger): Promise<MigrationReport> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.version, r.checksum]));
    const applied: string[] = [];
    for (const file of files) {
      const known = done.get(file.version);
      if (known !== undefined) {
        if (known !== file.checksum) {
          throw new PipelineError(
            `migration ${file.version}_${file.name}.sql changed after it was applied; migrations are append-only: add a new file instead`,
            'MIGRATION_CHANGED',
            false,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migrations(version, name, checksum) VALUES ($1, $2, $3)', [
          file.version,
          file.name,
          file.checksum,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new PipelineError(
          `migration ${file.version}_${file.name}.sql failed: ${err instanceof Error ? err.message : String(err)}`,
          'MIGRATION_FAILED',
          false,
          { cause: err },
        );
      }
      logger.info('migration applied', { version: file.version, name: file.name });
      applied.push(`${file.version}_${file.name}`);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
