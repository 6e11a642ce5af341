import client from 'prom-client';

/**
 * One registry per process. Metric constructors are idempotent by name, so a stage declares its
 * metrics in a line wherever it needs them, and running several stages in one process is safe.
 */
export interface Metrics {
  readonly registry: client.Registry;
  counter<L extends string = string>(o: {
    name: string;
    help: string;
    labelNames?: readonly L[];
  }): client.Counter<L>;
  gauge<L extends string = string>(o: {
    name: string;
    help: string;
    labelNames?: readonly L[];
    /** Sets the value at scrape time (a value derived from a clock must never go stale). */
    collect?: (this: client.Gauge<L>) => void;
  }): client.Gauge<L>;
  histogram<L extends string = string>(o: {
    name: string;
    help: string;
    labelNames?: readonly L[];
    buckets?: number[];
  }): client.Histogram<L>;
}

export function createMetrics(defaultLabels: Record<string, string> = {}): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels(defaultLabels);
  client.collectDefaultMetrics({ register: registry, prefix: 'sec_tracker_' });

  function getOrCreate<M>(name: string, create: () => M): M {
    return (registry.getSingleMetric(name) as M | undefined) ?? create();
  }

  const metrics: Metrics = {
    registry,
    counter: (o) => getOrCreate(o.name, () => new client.Counter({ ...o, registers: [registry] })),
    gauge: (o) => getOrCreate(o.name, () => new client.Gauge({ ...o, registers: [registry] })),
    histogram: (o) => getOrCreate(o.name, () => new client.Histogram({ ...o, registers: [registry] })),
  };
  return metrics;
}
