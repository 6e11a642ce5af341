import type { Counter, Gauge, Histogram } from 'prom-client';
import type { Metrics } from '../../shared/metrics/metrics';

/** Every metric of the analysis stage (sec_tracker_analysis_*), declared in one place. */
export interface AnalysisMetrics {
  /** Notable activity found by the detector, by rule. */
  notable: Counter<'rule'>;
  /** Filings and cluster events the detector passed over, by reason. */
  skipped: Counter<'reason'>;
  /** Requests analysed, by source (llm, rules) and status (succeeded, failed, withdrawn). */
  requests: Counter<'source' | 'status'>;
  /** Model calls made, the repair attempts included (the SDK's own retries are not counted). */
  calls: Counter<'outcome'>;
  tokens: Counter<'direction'>;
  cost: Counter;
  failures: Counter<'reason'>;
  cacheHits: Counter<'source'>;
  budgetRemaining: Gauge;
  /** From a request being produced to its result being produced. */
  lag: Histogram;
  /** Time spent with the provider for one analysis (all its calls and SDK retries). */
  providerLatency: Histogram<'outcome'>;
}

/**
 * Every reason an analysis can fail (llm-analyst.ts), zero-initialised so that rates and ratios over
 * them exist before the first failure: an alert on a series that does not exist can never fire.
 */
const FAILURE_REASONS = [
  'timeout',
  'connection',
  'rate_limited',
  'server_error',
  'rejected',
  'refused',
  'content_filter',
  'invalid_json',
  'schema_violation',
  'invalid_citation',
] as const;

export function analysisMetrics(metrics: Metrics): AnalysisMetrics {
  const declared = declareAnalysisMetrics(metrics);
  for (const direction of ['input', 'output']) {
    declared.tokens.inc({ direction }, 0);
  }
  for (const reason of FAILURE_REASONS) {
    declared.failures.inc({ reason }, 0);
  }
  for (const source of ['llm', 'rules']) {
    for (const status of ['succeeded', 'failed']) {
      declared.requests.inc({ source, status }, 0);
    }
  }
  return declared;
}

function declareAnalysisMetrics(metrics: Metrics): AnalysisMetrics {
  return {
    notable: metrics.counter({
      name: 'sec_tracker_analysis_notable_total',
      help: 'Notable activity detected, by rule',
      labelNames: ['rule'],
    }),
    skipped: metrics.counter({
      name: 'sec_tracker_analysis_skipped_total',
      help: 'Filings and cluster events the notable-activity detector passed over, by reason',
      labelNames: ['reason'],
    }),
    requests: metrics.counter({
      name: 'sec_tracker_analysis_requests_total',
      help: 'Analysis requests handled, by source (llm, rules) and status',
      labelNames: ['source', 'status'],
    }),
    calls: metrics.counter({
      name: 'sec_tracker_analysis_model_calls_total',
      help: 'Calls to the model provider, repair attempts included, by outcome',
      labelNames: ['outcome'],
    }),
    tokens: metrics.counter({
      name: 'sec_tracker_analysis_tokens_total',
      help: 'Tokens sent to (input) and received from (output) the model provider',
      labelNames: ['direction'],
    }),
    cost: metrics.counter({
      name: 'sec_tracker_analysis_cost_dollars_total',
      help: 'Cost of model calls in US dollars, as reported by the provider or priced by ANALYSIS_*_PRICE',
    }),
    failures: metrics.counter({
      name: 'sec_tracker_analysis_failures_total',
      help: 'Analyses stored as failed, by reason',
      labelNames: ['reason'],
    }),
    cacheHits: metrics.counter({
      name: 'sec_tracker_analysis_cache_hits_total',
      help: 'Analyses answered from the content-hash cache instead of a model call, by source',
      labelNames: ['source'],
    }),
    budgetRemaining: metrics.gauge({
      name: 'sec_tracker_analysis_budget_remaining_tokens',
      help: "Tokens left in today's (UTC) analysis budget",
    }),
    lag: metrics.histogram({
      name: 'sec_tracker_analysis_lag_seconds',
      help: 'Time from an analysis request being produced to its result being produced',
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    }),
    providerLatency: metrics.histogram({
      name: 'sec_tracker_analysis_provider_duration_seconds',
      help: 'Time spent with the model provider for one analysis, retries and repair included',
      labelNames: ['outcome'],
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 180],
    }),
  };
}
