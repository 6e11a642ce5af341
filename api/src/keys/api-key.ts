import { createHash, randomBytes } from 'node:crypto';

/** Prefix of issued keys: recognisable in a leaked log or a secret scanner. */
const PREFIX = 'sk_';

/** A new key: 32 random bytes, base64url. Shown once; only its hash is stored. */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored and looked up: SHA-256 hex of the whole key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
