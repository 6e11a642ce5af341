import type pg from 'pg';
import { generateApiKey, hashApiKey } from './api-key';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  /** Requests per minute; undefined: the deployment's API_RATE_LIMIT. */
  readonly ratePerMinute?: number;
  readonly createdAt: Date;
  readonly lastUsedAt?: Date;
  readonly revokedAt?: Date;
}

interface Row {
  id: string;
  name: string;
  scopes: string[];
  rate_per_minute: number | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, scopes, rate_per_minute, created_at, last_used_at, revoked_at';

function toRecord(r: Row): ApiKeyRecord {
  return {
    id: String(r.id),
    name: r.name,
    scopes: r.scopes,
    ratePerMinute: r.rate_per_minute ?? undefined,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at ?? undefined,
    revokedAt: r.revoked_at ?? undefined,
  };
}

/** The api_keys table (sql/0009_api_keys.sql): issue, find by key, list, revoke. */
export function createKeyStore(pool: pg.Pool) {
  return {
    /** Stores a new key's hash and returns the key itself: the only time it exists outside the client. */
    async create(o: { name: string; ratePerMinute?: number; scopes?: readonly string[] }) {
      const key = generateApiKey();
      const { rows } = await pool.query<Row>(
        `INSERT INTO api_keys (name, key_hash, scopes, rate_per_minute) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
        [o.name, hashApiKey(key), o.scopes ?? ['read'], o.ratePerMinute ?? null],
      );
      return { key, record: toRecord(rows[0]!) };
    },
    /** The key's record, revoked or not; undefined for a key never issued. */
    async findByKey(key: string): Promise<ApiKeyRecord | undefined> {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [
        hashApiKey(key),
      ]);
      return rows[0] && toRecord(rows[0]);
    },
    async list(): Promise<ApiKeyRecord[]> {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM api_keys ORDER BY id`);
      return rows.map(toRecord);
    },
    /** Whether any key was ever issued: a deployment that issued keys requires them (API_AUTH=auto). */
    async anyIssued(): Promise<boolean> {
      const { rows } = await pool.query('SELECT 1 FROM api_keys LIMIT 1');
      return rows.length > 0;
    },
    /** Revokes a key; false when no key has that id. Revoking twice keeps the first time. */
    async revoke(id: string): Promise<boolean> {
      const { rowCount } = await pool.query(
        'UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1',
        [id],
      );
      return rowCount === 1;
    },
    async touch(ids: readonly string[]): Promise<void> {
      await pool.query('UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::bigint[])', [ids]);
    },
  };
}

export type KeyStore = ReturnType<typeof createKeyStore>;
