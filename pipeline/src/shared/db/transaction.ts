import type pg from 'pg';

/**
 * Runs `work` in one transaction on one pooled client: COMMIT when it resolves, ROLLBACK when it
 * throws. A failed ROLLBACK means the connection itself is gone, so that client is released
 * destroyed instead of going back to the pool.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let releaseError: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    releaseError = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackErr: unknown) => (rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr))),
    );
    throw err;
  } finally {
    client.release(releaseError);
  }
}
