import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, KeyStore } from './key-store';
import { hashApiKey } from './api-key';

/** The outcome of presenting a key. */
export type KeyCheck =
  | { ok: true; key: Pick<ApiKeyRecord, 'id' | 'name' | 'scopes' | 'ratePerMinute'> }
  | { ok: false; reason: 'unknown' | 'revoked' };

const MAX_REMEMBERED = 10_000;
const TOUCH_EVERY_MS = 60_000;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks presented keys: API_KEYS from the environment first, then issued keys in Postgres.
 * A database answer is remembered for `rememberMs` (the staleness bound), so a revocation takes
 * effect on every replica within it and a busy key costs no query per request. last_used_at is
 * written in the background, at most once a minute per key.
 */
export function createKeyVerifier(o: {
  envKeys: readonly string[];
  store: Pick<KeyStore, 'findByKey' | 'touch'>;
  rememberMs: number;
  onTouchError: (err: unknown) => void;
}) {
  const remembered = new Map<string, { check: KeyCheck; until: number }>();
  const used = new Set<string>();
  const envChecks = o.envKeys.map((k) => ({
    key: k,
    check: { ok: true, key: { id: `env-${hashApiKey(k).slice(0, 8)}`, name: 'API_KEYS', scopes: ['read'] } },
  }));
  async function flushUsed(): Promise<void> {
    if (used.size > 0) {
      const ids = [...used];
      used.clear();
      await o.store.touch(ids).catch(o.onTouchError);
    }
  }
  const timer = setInterval(() => void flushUsed(), TOUCH_EVERY_MS);
  timer.unref();

  return {
    async check(presented: string): Promise<KeyCheck> {
      const env = envChecks.find((e) => sameText(e.key, presented));
      if (env) {
        return env.check as KeyCheck;
      }
      const hash = hashApiKey(presented);
      const now = Date.now();
      let entry = remembered.get(hash);
      if (!entry || entry.until <= now) {
        const record = await o.store.findByKey(presented);
        const check: KeyCheck = !record
          ? { ok: false, reason: 'unknown' }
          : record.revokedAt
            ? { ok: false, reason: 'revoked' }
            : { ok: true, key: record };
        if (remembered.size >= MAX_REMEMBERED) {
          remembered.clear();
        }
        entry = { check, until: now + o.rememberMs };
        remembered.set(hash, entry);
      }
      if (entry.check.ok && !entry.check.key.id.startsWith('env-')) {
        used.add(entry.check.key.id);
      }
      return entry.check;
    },
    /** Stops the background writer after writing the last uses. */
    async close(): Promise<void> {
      clearInterval(timer);
      await flushUsed();
    },
  };
}

export type KeyVerifier = ReturnType<typeof createKeyVerifier>;
