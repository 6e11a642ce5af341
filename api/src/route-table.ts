import type Router from '@koa/router';
import type Koa from 'koa';

export interface RouteEntry {
  readonly method: string;
  /** The route template, e.g. `/api/v1/form4/:ticker`: the `route` label of the metrics. */
  readonly path: string;
}

/** The routers mounted on an app: @koa/router marks each `router.routes()` middleware with its router. */
function routersOf(app: Koa): Router[] {
  return app.middleware
    .map((mw) => (mw as { router?: Router }).router)
    .filter((r): r is Router => r !== undefined);
}

/**
 * Every route an app serves, read from its mounted routers: what the hostile suite iterates over,
 * so a route added anywhere is covered without editing a list.
 */
export function registeredRoutes(app: Koa): RouteEntry[] {
  const seen = new Map<string, RouteEntry>();
  for (const router of routersOf(app)) {
    for (const layer of router.stack) {
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        seen.set(`${method} ${layer.path}`, { method, path: String(layer.path) });
      }
    }
  }
  return [...seen.values()];
}

/**
 * The route template a request matches, whether or not a router ran (a request refused by auth
 * or the rate limit before routing still belongs to its route in the metrics).
 */
export function routeMatcher(app: Koa): (method: string, path: string) => string | undefined {
  let routers: Router[] | undefined;
  return (method, path) => {
    routers ??= routersOf(app);
    for (const router of routers) {
      const layer = router.match(path, method).pathAndMethod.find((l) => l.methods.length > 0);
      if (layer) {
        return String(layer.path);
      }
    }
    return undefined;
  };
}
