/** The few PromQL shapes every panel uses, written once. */

/** Per-second rate of a counter summed by the given labels (none: one series). */
export function rate(counter: string, by = ''): string {
  const sum = by ? `sum by (${by})` : 'sum';
  return `${sum} (rate(${counter}[$__rate_interval]))`;
}

/** Increase of a counter over the panel's rate interval, summed by the given labels. */
export function increase(counter: string, by = ''): string {
  const sum = by ? `sum by (${by})` : 'sum';
  return `${sum} (increase(${counter}[$__rate_interval]))`;
}

/** A quantile of a prom-client histogram (`<name>_bucket`) by the given labels. */
export function quantile(q: number, histogram: string, by = ''): string {
  const labels = by ? `le, ${by}` : 'le';
  return `histogram_quantile(${q}, sum by (${labels}) (rate(${histogram}_bucket[$__rate_interval])))`;
}

/** The stage jobs of ops/prometheus/prometheus.yml. */
export const STAGE_JOBS = 'crawler|parser|aggregator|loader|analysis';
