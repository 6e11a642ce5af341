import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config/config';
import type { Config } from '../../src/config/config';
import { SQL_DIR } from '../../src/paths';
import { ensureDatabase } from '../../src/shared/db/ensure-database';
import { migrate } from '../../src/shared/db/migrate';
import { createPool } from '../../src/shared/db/pool';
import { allTopics } from '../../src/topics';
import { ensureTopics } from '../../src/shared/kafka/admin';
import { createKafka } from '../../src/shared/kafka/client';
import { createLogger } from '../../src/shared/logger';
import type { Logger } from '../../src/shared/logger';

export const testLogger: Logger = createLogger((process.env.TEST_LOG_LEVEL as 'warn' | undefined) ?? 'warn', {
  test: true,
});

/** A random prefix for topics, groups, schema subjects and Redis keys of one test file. */
export function randomPrefix(label = 't'): string {
  return `${label}-${randomBytes(4).toString('hex')}.`;
}

/** Config from the services globalSetup chose, with per-test overrides (any variable name). */
export function testConfig(overrides: Record<string, string> = {}): Config {
  // Tests poll the API several times a second: the per-minute rate limit is tested on its own.
  return loadConfig({
    ...process.env,
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
    API_PORT: '0',
    API_METRICS_PORT: '0',
    API_RATE_LIMIT: '1000000',
    ...overrides,
  });
}

/**
 * A fresh database for one test file, with every migration applied; `drop()` removes it.
 * Tests that compare table checksums need a database nobody else writes to.
 */
export async function createTestDatabase(label = 'test'): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(loadConfig(process.env).databaseUrl);
  const name = `sec_tracker_${label}_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${name}`;
  const url = base.toString();
  await ensureDatabase(url);
  const pool = createPool({ databaseUrl: url }, testLogger, 1);
  await migrate(pool, SQL_DIR, testLogger);
  await pool.end();
  return { url, drop: () => dropDatabase(name) };
}

/** Runs one statement on the `postgres` database of the test run's server. */
async function onServer<T>(sql: string, params: unknown[], read: (r: pg.QueryResult) => T): Promise<T> {
  const admin = new URL(loadConfig(process.env).databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return read(await client.query(sql, params));
  } finally {
    await client.end();
  }
}

export function dropDatabase(name: string): Promise<void> {
  return onServer(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`, [], () => undefined);
}

export function databaseExists(name: string): Promise<boolean> {
  return onServer('SELECT 1 FROM pg_database WHERE datname = $1', [name], (r) => r.rowCount === 1);
}

export async function createTestTopics(config: Config): Promise<void> {
  await ensureTopics(createKafka(config, testLogger), allTopics(config.topicPrefix));
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60000,
  everyMs = 250,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v !== undefined) {
        return v;
      }
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  const reason = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
}

/**
 * A checksum of every row of the given tables, independent of physical order and of columns that
 * record when a row was written, so two databases loaded differently can be compared.
 */
export async function tableChecksums(
  databaseUrl: string,
  tables: readonly string[],
): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ n: string; md5: string | null }>(
        `SELECT count(*) AS n, md5(string_agg((to_jsonb(t) - 'loaded_at' - 'updated_at')::text, '|' ORDER BY (to_jsonb(t) - 'loaded_at' - 'updated_at')::text)) AS md5
           FROM ${pg.escapeIdentifier(table)} t`,
      );
      out[table] = { rows: Number(rows[0]?.n ?? 0), md5: rows[0]?.md5 ?? '' };
    }
    return out;
  } finally {
    await client.end();
  }
}

export async function countRows(databaseUrl: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${pg.escapeIdentifier(table)}`,
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * The environment of a `sec-tracker` process a test starts against its own database and topics
 * and a fake EDGAR (devtools/fake-edgar), with a test User-Agent and EDGAR's full request rate.
 */
export function cliEnvAgainstFakeEdgar(
  config: Pick<Config, 'topicPrefix' | 'secBudgetKey'>,
  databaseUrl: string,
  edgar: { baseUrl: string; dataBaseUrl: string },
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TOPIC_PREFIX: config.topicPrefix,
    SEC_BUDGET_KEY: config.secBudgetKey,
    EDGAR_BASE_URL: edgar.baseUrl,
    EDGAR_DATA_BASE_URL: edgar.dataBaseUrl,
    SEC_USER_AGENT: 'sec-tracker tests tests@example.com',
    SEC_RATE_LIMIT: '10',
    LOG_LEVEL: 'warn',
  };
}
