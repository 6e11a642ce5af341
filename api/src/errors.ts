import type Koa from 'koa';
import type { Logger } from '../../pipeline/src/shared/logger';

/** An error whose message is safe and useful to show the client. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one place errors become responses: 4xx carry their message, anything else is a 500 with a
 * generic body (the details go to the log, not to the client).
 */
export function errorMiddleware(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { status: 404, message: `no route for ${ctx.method} ${ctx.path}` } };
      }
    } catch (err) {
      const status =
        err instanceof HttpError
          ? err.status
          : typeof (err as { status?: unknown }).status === 'number'
            ? (err as { status: number }).status
            : 500;
      const expose = status < 500;
      ctx.status = status;
      ctx.body = { error: { status, message: expose ? (err as Error).message : 'internal error' } };
      if (!expose) {
        logger.error('request failed', { err, method: ctx.method, path: ctx.path });
      }
    }
  };
}
