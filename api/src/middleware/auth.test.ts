import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import Koa from 'koa';
import { jwtVerification } from '../keys/jwt-keys';
import type { JwtKeySettings } from '../keys/jwt-keys';
import type { KeyVerifier } from '../keys/key-verifier';
import { identify, principalOf, requireAuth } from './auth';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes';
const dir = mkdtempSync(path.join(tmpdir(), 'auth-test-'));
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaPem = path.join(dir, 'rsa.pem');
writeFileSync(rsaPem, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
const jwks = path.join(dir, 'jwks.json');
writeFileSync(jwks, JSON.stringify({ keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1' }] }));

const noKeys = { check: () => Promise.resolve({ ok: false, reason: 'unknown' }) } as unknown as KeyVerifier;

/** Serves one app with the given JWT settings; answers the principal's kind, or the refusal. */
async function serve(settings: JwtKeySettings, extra: { issuer?: string; audience?: string } = {}) {
  const verification = jwtVerification(settings)!;
  const options = {
    keys: noKeys,
    jwt: { ...verification, ...extra, clockSkewSeconds: 30 },
    required: () => Promise.resolve(true),
    clientIp: () => '127.0.0.1',
  };
  const app = new Koa();
  app.use(identify(options));
  app.use(requireAuth(options));
  app.use((ctx) => {
    ctx.body = principalOf(ctx);
  });
  const handle = app.callback();
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    status: async (token: string) =>
      (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const now = () => Math.floor(Date.now() / 1000);

describe('bearer tokens', () => {
  it('HS256: exp required, skew bounded, other algorithms refused', async () => {
    const s = await serve({ jwtSecret: SECRET });
    try {
      expect(await s.status(jwt.sign({ sub: 'u' }, SECRET, { expiresIn: '5m' }))).toBe(200);
      expect(await s.status(jwt.sign({ sub: 'u' }, SECRET))).toBe(401);
      expect(await s.status(jwt.sign({ sub: 'u', exp: now() - 10 }, SECRET))).toBe(200);
      expect(await s.status(jwt.sign({ sub: 'u', exp: now() - 60 }, SECRET))).toBe(401);
      expect(await s.status(jwt.sign({ sub: 'u', nbf: now() + 60 }, SECRET, { expiresIn: '5m' }))).toBe(401);
      expect(await s.status(jwt.sign({ sub: 'u' }, SECRET, { algorithm: 'HS384', expiresIn: '5m' }))).toBe(
        401,
      );
    } finally {
      await s.close();
    }
  });

  it('RS256 from a PEM public key; an HS256 token "signed" with that public key is refused', async () => {
    const s = await serve({ jwtPublicKeyFile: rsaPem }, { issuer: 'iss-1', audience: 'aud-1' });
    const good: jwt.SignOptions = { algorithm: 'RS256', expiresIn: 300, issuer: 'iss-1', audience: 'aud-1' };
    try {
      expect(await s.status(jwt.sign({ sub: 'u' }, rsa.privateKey, good))).toBe(200);
      expect(await s.status(jwt.sign({ sub: 'u' }, rsa.privateKey, { ...good, audience: 'aud-2' }))).toBe(
        401,
      );
      expect(await s.status(jwt.sign({ sub: 'u' }, rsa.privateKey, { ...good, issuer: 'iss-2' }))).toBe(401);
      const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const confused = jwt.sign({ sub: 'u' }, pem, {
        ...good,
        algorithm: 'HS256',
        allowInsecureKeySizes: true,
      });
      expect(await s.status(confused)).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('ES256 from a JWKS file, chosen by kid', async () => {
    const s = await serve({ jwtJwksFile: jwks });
    try {
      const sign = (kid: string) =>
        jwt.sign({ sub: 'u' }, ec.privateKey, { algorithm: 'ES256', expiresIn: '5m', keyid: kid });
      expect(await s.status(sign('ec-1'))).toBe(200);
      expect(await s.status(sign('unknown'))).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('refuses a short HS256 secret and two key settings at once', () => {
    expect(() => jwtVerification({ jwtSecret: 'short' })).toThrow(/32 bytes/);
    expect(() => jwtVerification({ jwtSecret: SECRET, jwtPublicKeyFile: rsaPem })).toThrow(/only one/);
  });
});
