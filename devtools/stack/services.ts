import { Redis } from 'ioredis';
import pg from 'pg';

/** Postgres/Redis as `stack up` and `status` see them; `fix` says how to get a missing one. */
export interface ServiceCheck {
  readonly ok: boolean;
  readonly address: string;
  readonly version?: string;
  readonly detail?: string;
  readonly fix?: string;
  /** Databases `stack up` created on this run. */
  readonly created?: readonly string[];
}

function hostPort(url: URL, defaultPort: string): string {
  return `${url.hostname || '127.0.0.1'}:${url.port || defaultPort}`;
}

const PG_FIX =
  'install and start PostgreSQL (apt-get install postgresql && service postgresql start), or point DATABASE_URL at a server';

/**
 * Connects to the server of DATABASE_URL through its `postgres` maintenance database and, when
 * `ensure` is set, creates the app and registry databases that are missing.
 */
export async function checkPostgres(
  databaseUrl: string,
  ensure: readonly string[] = [],
): Promise<ServiceCheck> {
  const url = new URL(databaseUrl);
  const address = hostPort(url, '5432');
  const appDatabase = decodeURIComponent(url.pathname.slice(1)) || 'postgres';
  const admin = new URL(databaseUrl);
  admin.pathname = ensure.length > 0 ? '/postgres' : `/${encodeURIComponent(appDatabase)}`;
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '3D000') {
      return {
        ok: false,
        address,
        detail: `database ${appDatabase} does not exist`,
        fix: 'run sec-tracker stack up',
      };
    }
    const auth = e.code === '28P01' || e.code === '28000';
    return {
      ok: false,
      address,
      detail: `cannot connect: ${e.message ?? String(err)}`,
      fix: auth ? 'fix the user or password in DATABASE_URL' : PG_FIX,
    };
  }
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]
      ?.server_version;
    const created: string[] = [];
    for (const name of ensure) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount !== 0) {
        continue;
      }
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        created.push(name);
      } catch (err) {
        // Another process created it between the SELECT and here (duplicate_database): fine.
        if ((err as { code?: string }).code !== '42P04') {
          throw err;
        }
      }
    }
    return { ok: true, address, ...(version ? { version } : {}), created };
  } catch (err) {
    return {
      ok: false,
      address,
      detail: (err as Error).message,
      fix: 'let the DATABASE_URL user create databases (CREATEDB)',
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PING, and the server version from INFO. */
export async function checkRedis(redisUrl: string): Promise<ServiceCheck> {
  const url = new URL(redisUrl);
  const address = hostPort(url, '6379');
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis reports the socket error (ECONNREFUSED…) as an event and rejects with "Connection is closed".
  let socketError: Error | undefined;
  redis.on('error', (err: Error) => (socketError ??= err));
  try {
    await redis.connect();
    await redis.ping();
    const info = await redis.info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1];
    return { ok: true, address, ...(version ? { version } : {}) };
  } catch (err) {
    return {
      ok: false,
      address,
      detail: `no PING answer: ${(socketError ?? (err as Error)).message}`,
      fix: 'install and start Redis (apt-get install redis-server && service redis-server start), or point REDIS_URL at a server',
    };
  } finally {
    redis.disconnect();
  }
}
