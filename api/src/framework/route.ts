/**
 * One declaration per route: path parameters, query and response as zod schemas, and a handler.
 * Validation (mount.ts) and the OpenAPI document (openapi.ts) both come from it, so they cannot
 * disagree. A route's handler receives parsed, typed input and returns the response body; the
 * framework never lets a client's input reach a handler unvalidated.
 */
import type Koa from 'koa';
import type pg from 'pg';
import type { z } from 'zod';
import type { Logger } from '../../../pipeline/src/shared/logger';
import type { ResponseCache } from '../cache';

/** What handlers get from the composition root (app.ts). Routes needing more extend it. */
export interface RouteDeps {
  pool: pg.Pool;
  cache: ResponseCache;
  logger: Logger;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;
type Infer<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteInput<P, Q, D> {
  params: Infer<P>;
  query: Infer<Q>;
  deps: D;
  ctx: Koa.Context;
}

export interface RouteSpec<
  P extends AnyObject | undefined,
  Q extends AnyObject | undefined,
  R extends z.ZodType,
  D extends RouteDeps = RouteDeps,
> {
  /** Stable name: OpenAPI operationId, cache-key prefix, metrics label. */
  name: string;
  method?: 'get';
  /** Koa-style path, e.g. `/api/v1/form4/:ticker`. */
  path: string;
  summary: string;
  description?: string;
  /** OpenAPI tag grouping the route in /docs and the README. */
  tag: string;
  params?: P;
  query?: Q;
  /**
   * Query aliases kept for compatibility: `{ hide_planned: 'exclude_10b5_1' }`. Both names are
   * documented; giving both is a 400; the handler sees only the canonical name.
   */
  aliases?: Record<string, string>;
  /** The 200 JSON body. */
  response: R;
  /** Other media types the route can answer with (streamed by the handler itself). */
  alsoProduces?: Record<string, { description: string }>;
  /** Whether an unknown subject (ticker, CIK, accession) answers 404. */
  notFound?: string;
  /**
   * Returns the body (checked against `response` when responses are checked), or undefined when
   * the handler wrote `ctx.body` itself (CSV, Server-Sent Events).
   */
  handler: (input: RouteInput<P, Q, D>) => Promise<z.input<R> | undefined>;
}

/** A declared route, type-erased so routes of different shapes live in one list. */
export interface Route {
  readonly spec: RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType, never>;
}

export function defineRoute<
  P extends AnyObject | undefined,
  Q extends AnyObject | undefined,
  R extends z.ZodType,
  D extends RouteDeps = RouteDeps,
>(spec: RouteSpec<P, Q, R, D>): Route {
  return { spec: spec };
}
