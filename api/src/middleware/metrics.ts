import type Koa from 'koa';
import type { Metrics } from '../../../pipeline/src/shared/metrics/metrics';

/**
 * Counts and times every request by the status actually sent and the route template (never the
 * raw path, which would explode label cardinality). Mounted first, outside the error handler, so
 * a 500 is counted as 500 and a request refused before routing (401, 429) under its route.
 */
export function metricsMiddleware(
  metrics: Metrics,
  routeOf: (method: string, path: string) => string | undefined,
): Koa.Middleware {
  const requests = metrics.counter({
    name: 'sec_tracker_api_requests_total',
    help: 'API requests by method, route template and status sent',
    labelNames: ['method', 'route', 'status'],
  });
  const duration = metrics.histogram({
    name: 'sec_tracker_api_request_duration_seconds',
    help: 'API request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  return async (ctx, next) => {
    const end = duration.startTimer();
    let status: number | undefined;
    try {
      await next();
      status = ctx.status;
    } finally {
      // An error escaping the error handler becomes Koa's own 500.
      const labels = {
        method: ctx.method,
        route:
          (ctx as { _matchedRoute?: string })._matchedRoute ?? routeOf(ctx.method, ctx.path) ?? 'unmatched',
        status: String(status ?? 500),
      };
      requests.inc(labels);
      end(labels);
    }
  };
}
