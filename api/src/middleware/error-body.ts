import type Koa from 'koa';

/**
 * Answers with the API's error body, `{"error":{"code","message","parameter"}}` (errors.ts), without throwing:
 * the middleware that refuses a request (auth, rate limit) stops the chain itself.
 */
export function refuse(
  ctx: Koa.Context,
  status: number,
  code: string,
  message: string,
  parameter?: string,
): void {
  ctx.status = status;
  ctx.body = { error: { code, message, parameter: parameter ?? null } };
}
