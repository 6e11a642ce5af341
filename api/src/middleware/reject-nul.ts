import type Koa from 'koa';
import { badParameter, HttpError } from '../errors';

/**
 * 400 for a NUL character anywhere in the path or the query. Postgres refuses NUL in text
 * ("invalid byte sequence"), so a free-text parameter carrying one would otherwise be a 500; no
 * route has a use for it.
 */
export function rejectNul(): Koa.Middleware {
  return async (ctx, next) => {
    if (/%00/.test(ctx.path) || ctx.path.includes('\u0000')) {
      throw new HttpError(400, 'the path contains a NUL character (%00)');
    }
    for (const [name, value] of Object.entries(ctx.query)) {
      const values = Array.isArray(value) ? value : [value ?? ''];
      if (name.includes('\u0000') || values.some((v) => v.includes('\u0000'))) {
        const shown = name.split('\u0000').join('');
        throw badParameter(shown, `"${shown}" contains a NUL character (%00)`);
      }
    }
    await next();
  };
}
