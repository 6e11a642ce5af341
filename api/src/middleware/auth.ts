import { timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import jwt from 'koa-jwt';
import { HttpError } from '../errors';

export interface AuthOptions {
  apiKeys?: readonly string[];
  jwtSecret?: string;
}

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * With no API_KEYS and no JWT_SECRET the API is open (local use: it serves public data, read-only).
 * Otherwise a request needs `X-API-Key: <key>` or `Authorization: Bearer <HS256 JWT>`.
 */
export function authMiddleware(options: AuthOptions): Koa.Middleware {
  const keys = options.apiKeys ?? [];
  const verifyJwt = options.jwtSecret ? jwt({ secret: options.jwtSecret, algorithms: ['HS256'] }) : undefined;
  if (keys.length === 0 && !verifyJwt) {
    return async (_ctx, next) => void (await next());
  }
  return async (ctx, next) => {
    const key = ctx.get('x-api-key');
    if (key) {
      if (!keys.some((k) => sameKey(k, key))) {
        throw new HttpError(401, 'unknown API key');
      }
      await next();
      return;
    }
    if (verifyJwt && /^Bearer\s/i.test(ctx.get('authorization'))) {
      try {
        await verifyJwt(ctx, () => Promise.resolve());
      } catch (err) {
        throw new HttpError(401, `invalid bearer token: ${(err as Error).message}`);
      }
      await next();
      return;
    }
    throw new HttpError(401, 'authentication required: send X-API-Key or Authorization: Bearer <token>');
  };
}
