import { createPublicKey, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Algorithm } from 'jsonwebtoken';

/** How bearer tokens are verified: the key (or a key per kid) and the only algorithms accepted. */
export interface JwtVerification {
  readonly algorithms: Algorithm[];
  /** A key, or a chooser by the token header (JWKS: by kid). */
  readonly secret: KeyObject | ((header: { kid?: string; alg?: string }) => Promise<KeyObject>);
}

export interface JwtKeySettings {
  jwtSecret?: string;
  jwtPublicKeyFile?: string;
  jwtJwksFile?: string;
}

/**
 * The algorithm follows from the key, never from the token: an RSA key accepts RS256 only, an EC
 * P-256 key ES256 only, a secret HS256 only. So `alg: none` and algorithm confusion (an RS256
 * public key used as an HS256 secret) are refused by construction.
 */
function algorithmOf(key: KeyObject): Algorithm {
  if (key.type === 'secret') {
    return 'HS256';
  }
  if (key.asymmetricKeyType === 'rsa') {
    return 'RS256';
  }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ES256';
  }
  throw new Error(
    `unsupported JWT key type ${key.asymmetricKeyType ?? key.type}: use RSA (RS256) or EC P-256 (ES256)`,
  );
}

interface Jwk {
  kid?: string;
  kty?: string;
  use?: string;
}

function loadJwks(file: string): Map<string | undefined, KeyObject> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { keys?: Jwk[] };
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) {
    throw new Error(`${file}: expected a JWKS, {"keys": [...]} with at least one key`);
  }
  const keys = new Map<string | undefined, KeyObject>();
  for (const jwk of parsed.keys.filter((k) => k.use === undefined || k.use === 'sig')) {
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    algorithmOf(key);
    keys.set(jwk.kid, key);
  }
  return keys;
}

/** Reads the configured key material once at start; undefined when no JWT setting exists. */
export function jwtVerification(settings: JwtKeySettings): JwtVerification | undefined {
  const given = [settings.jwtSecret, settings.jwtPublicKeyFile, settings.jwtJwksFile].filter(Boolean);
  if (given.length === 0) {
    return undefined;
  }
  if (given.length > 1) {
    throw new Error('set only one of JWT_SECRET, JWT_PUBLIC_KEY_FILE and JWT_JWKS_FILE');
  }
  if (settings.jwtSecret) {
    if (Buffer.byteLength(settings.jwtSecret) < 32) {
      throw new Error('JWT_SECRET must be at least 32 bytes (HS256 needs a 256-bit secret)');
    }
    return { algorithms: ['HS256'], secret: createSecretKey(Buffer.from(settings.jwtSecret)) };
  }
  if (settings.jwtPublicKeyFile) {
    const key = createPublicKey(readFileSync(settings.jwtPublicKeyFile));
    return { algorithms: [algorithmOf(key)], secret: key };
  }
  const keys = loadJwks(settings.jwtJwksFile!);
  const algorithms = [...new Set([...keys.values()].map(algorithmOf))];
  return {
    algorithms,
    secret: (header) => {
      // A token without kid may use the only key; a kid the file does not hold is refused.
      const key = header.kid === undefined && keys.size === 1 ? [...keys.values()][0] : keys.get(header.kid);
      if (!key || algorithmOf(key) !== header.alg) {
        return Promise.reject(
          new Error(`no key for kid ${header.kid ?? '(none)'} and alg ${header.alg ?? '(none)'}`),
        );
      }
      return Promise.resolve(key);
    },
  };
}
