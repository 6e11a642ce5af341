import type Koa from 'koa';
import type { Logger } from '../../pipeline/src/shared/logger';

/**
 * Machine-readable error codes clients can branch on. The message says what to fix; the code
 * says what kind of problem it is; `parameter` names the query or path parameter at fault.
 */
export type ErrorCode =
  | 'invalid_parameter'
  | 'unknown_parameter'
  | 'repeated_parameter'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'rate_limited'
  | 'internal';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_parameter',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  429: 'rate_limited',
};

/** The body of every error response: `{"error": {"code", "message", "parameter"}}`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; parameter: string | null };
}

/** An error whose message is safe and useful to show the client. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly parameter: string | null;
  /** Extra response headers (e.g. Retry-After on a 429). */
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    options: { code?: ErrorCode; parameter?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.code = options.code ?? CODE_BY_STATUS[status] ?? (status < 500 ? 'invalid_parameter' : 'internal');
    this.parameter = options.parameter ?? null;
    this.headers = options.headers ?? {};
  }
}

/** 400 for one bad query or path parameter. */
export function badParameter(
  parameter: string,
  message: string,
  code: ErrorCode = 'invalid_parameter',
): HttpError {
  return new HttpError(400, message, { code, parameter });
}

/** 404 for an unknown ticker, CIK, accession number… named by the parameter that carried it. */
export function notFound(message: string, parameter?: string): HttpError {
  return new HttpError(404, message, { code: 'not_found', parameter });
}

function errorBody(code: ErrorCode, message: string, parameter: string | null): ErrorBody {
  return { error: { code, message, parameter } };
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
        ctx.body = errorBody('not_found', `no route for ${ctx.method} ${ctx.path}`, null);
      }
    } catch (err) {
      const status =
        err instanceof HttpError
          ? err.status
          : typeof (err as { status?: unknown }).status === 'number'
            ? (err as { status: number }).status
            : 500;
      const expose = status >= 400 && status < 500;
      ctx.status = expose ? status : 500;
      if (err instanceof HttpError) {
        ctx.set(err.headers);
      }
      ctx.body = expose
        ? err instanceof HttpError
          ? errorBody(err.code, err.message, err.parameter)
          : errorBody(CODE_BY_STATUS[status] ?? 'invalid_parameter', (err as Error).message, null)
        : errorBody('internal', 'internal error', null);
      if (!expose) {
        logger.error('request failed', { err, method: ctx.method, path: ctx.path });
      }
    }
  };
}
