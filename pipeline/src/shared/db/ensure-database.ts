import pg from 'pg';

function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}

/** A connection to the server's `postgres` database, for creating and dropping others. */
async function connectToServer(databaseUrl: string): Promise<pg.Client> {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  return client;
}

/**
 * Creates the database named in the URL when it does not exist yet (connecting to the server's
 * `postgres` database to do so), so a new user needs nothing but a running server.
 * Returns true when it created the database.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  if (!name) {
    return false;
  }
  const client = await connectToServer(databaseUrl);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) {
      return false;
    }
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return true;
  } catch (err) {
    // Two processes racing to create it: the loser sees duplicate_database, which is fine.
    if ((err as { code?: string }).code === '42P04') {
      return false;
    }
    throw err;
  } finally {
    await client.end();
  }
}

/** Drops the database named in the URL, closing its connections (benchmarks, the chaos campaign). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const client = await connectToServer(databaseUrl);
  try {
    await client.query(
      `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(databaseUrl))} WITH (FORCE)`,
    );
  } finally {
    await client.end();
  }
}
