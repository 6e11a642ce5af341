import type Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { badParameter, HttpError } from '../errors';
import type { Route, RouteDeps } from './route';

type RawQuery = Record<string, string | string[] | undefined>;

/** Turns the first zod issue into the client's 400, naming the parameter. */
function toHttpError(error: z.ZodError, where: 'query' | 'path'): HttpError {
  const issue = error.issues[0]!;
  const parameter = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    return badParameter(
      keys[0] ?? parameter,
      `unknown query parameter(s): ${keys.join(', ')}`,
      'unknown_parameter',
    );
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return badParameter(parameter, `${where} parameter "${parameter}" is required`);
  }
  return badParameter(parameter, `"${parameter}" ${issue.message}`);
}

/** Validates a raw query against the route's schema: unknown, repeated and aliased names first. */
export function parseQuery(route: Route, raw: RawQuery): unknown {
  const { query, aliases = {} } = route.spec;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) {
      throw badParameter(
        name,
        `query parameter "${name}" given more than once; lists are comma-separated`,
        'repeated_parameter',
      );
    }
    if (value === undefined || value === '') {
      continue; // `?from=` means "no from", as browsers and forms send it
    }
    const canonical = aliases[name] ?? name;
    if (canonical !== name && raw[canonical] !== undefined && raw[canonical] !== '') {
      throw badParameter(name, `"${name}" is an alias of "${canonical}"; give one of them`);
    }
    values[canonical] = value;
  }
  const schema = (query ?? z.object({})).strict();
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw toHttpError(parsed.error, 'query');
  }
  return parsed.data;
}

export function parseParams(route: Route, raw: Record<string, string>): unknown {
  const parsed = (route.spec.params ?? z.object({})).safeParse(raw);
  if (!parsed.success) {
    throw toHttpError(parsed.error, 'path');
  }
  return parsed.data;
}

/** `/a/latest` before `/a/:x`: a literal segment wins over a parameter at the same depth. */
export function routeOrder(a: Route, b: Route): number {
  const sa = a.spec.path.split('/');
  const sb = b.spec.path.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = sa[i]!.startsWith(':');
    const pb = sb[i]!.startsWith(':');
    if (pa !== pb) {
      return pa ? 1 : -1;
    }
  }
  return 0;
}

export interface MountOptions {
  /** Parse every body with its declared response schema (tests): a mismatch is a 500 and a log line. */
  checkResponses?: boolean;
}

/** Mounts routes on a router in an order where literal paths are never caught by parameters. */
export function mountRoutes<D extends RouteDeps>(
  router: Router,
  routes: readonly Route[],
  deps: D,
  options: MountOptions = {},
): void {
  for (const route of [...routes].sort(routeOrder)) {
    router.get(route.spec.name, route.spec.path, async (ctx: Koa.Context) => {
      const params = parseParams(route, (ctx as unknown as { params: Record<string, string> }).params ?? {});
      const query = parseQuery(route, ctx.query);
      const body = await route.spec.handler({ params, query, deps, ctx } as never);
      if (body === undefined) {
        return;
      }
      if (options.checkResponses) {
        const checked = route.spec.response.safeParse(body);
        if (!checked.success) {
          deps.logger.error('response does not match its declared schema', {
            route: route.spec.name,
            issues: checked.error.issues.slice(0, 5),
          });
          throw new Error(`response of ${route.spec.name} does not match its schema`);
        }
      }
      ctx.body = body;
    });
  }
}
