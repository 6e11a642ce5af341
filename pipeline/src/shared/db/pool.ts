import pg from 'pg';
import type { Logger } from '../logger';

// NUMERIC and BIGINT come back as strings (exact); dates as 'YYYY-MM-DD' strings, never shifted by a timezone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function createPool(config: { databaseUrl: string }, logger: Logger, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max, connectionTimeoutMillis: 10000 });
  // An idle client losing its connection emits here; without a listener it would crash the process.
  pool.on('error', (err) => logger.warn('idle postgres client error', { err }));
  // A checked-out client whose connection drops emits 'error' on itself, not on the pool; without
  // a listener that would crash the process. The query in flight rejects, and the caller retries.
  pool.on('connect', (client) => {
    client.on('error', (err) => logger.warn('postgres connection lost', { err }));
  });
  return pool;
}
