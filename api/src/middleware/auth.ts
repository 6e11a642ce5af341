import type Koa from 'koa';
import jwt from 'koa-jwt';
import type { JwtVerification } from '../keys/jwt-keys';
import type { KeyVerifier } from '../keys/key-verifier';
import { refuse } from './error-body';

/** Who is asking: what the rate limit counts and what auth requires. */
export type Principal =
  | { kind: 'key'; id: string; scopes: readonly string[]; ratePerMinute?: number }
  | { kind: 'jwt'; sub: string }
  | { kind: 'anonymous'; ip: string };

export interface AuthOptions {
  keys: KeyVerifier;
  jwt?: JwtVerification & { issuer?: string; audience?: string; clockSkewSeconds: number };
  /** Whether a request without credentials is refused (API_AUTH and whether keys exist). */
  required: () => Promise<boolean>;
  clientIp: (ctx: Koa.Context) => string;
}

/** The principal of a request, as set by `identify`. */
export function principalOf(ctx: Koa.Context): Principal {
  return (ctx.state as { principal: Principal }).principal;
}

/**
 * Reads credentials, if any: `X-API-Key` or `Authorization: Bearer <JWT>`. Bad credentials are
 * refused here (401); none at all make the request anonymous, to be rate limited by client IP
 * before `requireAuth` decides whether anonymous requests are allowed.
 */
export function identify(options: AuthOptions): Koa.Middleware {
  const verifyJwt =
    options.jwt &&
    jwt({
      secret: options.jwt.secret as never,
      algorithms: options.jwt.algorithms,
      issuer: options.jwt.issuer,
      audience: options.jwt.audience,
      clockTolerance: options.jwt.clockSkewSeconds,
      debug: true,
    } as jwt.Options);
  return async (ctx, next) => {
    const state = ctx.state as { principal?: Principal; user?: { sub?: unknown; exp?: unknown } };
    const key = ctx.get('x-api-key');
    const authorization = ctx.get('authorization');
    if (key) {
      const check = await options.keys.check(key);
      if (!check.ok) {
        return refuse(
          ctx,
          401,
          'unauthorized',
          check.reason === 'revoked' ? 'API key revoked' : 'unknown API key',
        );
      }
      if (!check.key.scopes.includes('read')) {
        return refuse(ctx, 403, 'forbidden', 'this API key lacks the "read" scope');
      }
      state.principal = {
        kind: 'key',
        id: check.key.id,
        scopes: check.key.scopes,
        ratePerMinute: check.key.ratePerMinute,
      };
    } else if (authorization) {
      if (!verifyJwt) {
        return refuse(ctx, 401, 'unauthorized', 'bearer tokens are not accepted here: send X-API-Key');
      }
      if (!/^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(authorization)) {
        return refuse(ctx, 401, 'unauthorized', 'Authorization must be "Bearer <JWT>"');
      }
      try {
        await verifyJwt(ctx, () => Promise.resolve());
      } catch (err) {
        return refuse(ctx, 401, 'unauthorized', `invalid bearer token: ${(err as Error).message}`);
      }
      const claims = state.user ?? {};
      // jsonwebtoken checks exp only when present; a token that never expires is refused.
      if (typeof claims.exp !== 'number') {
        return refuse(ctx, 401, 'unauthorized', 'invalid bearer token: exp claim required');
      }
      if (typeof claims.sub !== 'string' || claims.sub === '') {
        return refuse(ctx, 401, 'unauthorized', 'invalid bearer token: sub claim required');
      }
      state.principal = { kind: 'jwt', sub: claims.sub };
    } else {
      state.principal = { kind: 'anonymous', ip: options.clientIp(ctx) };
    }
    await next();
  };
}

/** Refuses anonymous requests when auth is on (after the rate limit has counted them). */
export function requireAuth(options: Pick<AuthOptions, 'required'>): Koa.Middleware {
  return async (ctx, next) => {
    if (principalOf(ctx).kind === 'anonymous' && (await options.required())) {
      ctx.set('WWW-Authenticate', 'Bearer');
      return refuse(
        ctx,
        401,
        'unauthorized',
        'authentication required: send X-API-Key or Authorization: Bearer <token>',
      );
    }
    await next();
  };
}
