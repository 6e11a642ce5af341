import type Koa from 'koa';
import type { Metrics } from '../../../pipeline/src/shared/metrics/metrics';

/** Request duration by route template (not raw path, which would explode label cardinality). */
export function metricsMiddleware(metrics: Metrics): Koa.Middleware {
  const duration = metrics.histogram({
    name: 'sec_tracker_api_request_duration_seconds',
    help: 'API request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  return async (ctx, next) => {
    const end = duration.startTimer();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      end({ method: ctx.method, route: String(route), status: String(ctx.status) });
    }
  };
}
