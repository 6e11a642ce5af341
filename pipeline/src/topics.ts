/**
 * Every topic the pipeline uses, declared once. `sec-tracker topics` creates them idempotently;
 * the prefix (TOPIC_PREFIX) isolates test runs and tenants sharing one cluster. A name is the
 * prefix followed directly by the declared name, so config accepts only a prefix that ends in a
 * separator (".", "_" or "-"): "tenant." gives "tenant.edgar.dlq", and "tenant" is refused
 * rather than silently giving "tenantedgar.dlq". Consumer groups get the same prefix (then
 * GROUP_PREFIX, validated the same way), and schema subjects follow their topic.
 */
export interface TopicSpec {
  /** Name without prefix. */
  readonly name: string;
  readonly partitions: number;
  readonly cleanupPolicy: 'delete' | 'compact';
  /** -1 keeps records forever. */
  readonly retentionMs: number;
  readonly purpose: string;
  /** Avro value schema in schemas/, registered under `<topic>-value`; absent for raw bytes. */
  readonly valueSchema?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Six partitions per keyed topic: enough for six instances of a stage, cheap on one broker.
 * Raw and parsed filings are keyed by accession number, rows by `accession#position`, and all are
 * compacted, so they keep the latest copy of every filing and row forever: they are what replays
 * and backfills start from.
 */
export const TOPICS = {
  filingsRaw: {
    name: 'edgar.filings.raw',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose: 'Raw EDGAR documents as fetched, keyed by accession number',
  },
  filingsParsed: {
    name: 'edgar.filings.parsed',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose: 'Normalized ownership filings (Avro), keyed by accession number',
    valueSchema: 'ownership_filing.avsc',
  },
  transactions: {
    name: 'edgar.transactions',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose: 'Normalized transaction and holding rows (Avro), keyed by accession#position',
    valueSchema: 'ownership_row.avsc',
  },
  aggregatesDaily: {
    name: 'edgar.aggregates.issuer-daily',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose: 'Open-market buy/sell summary per issuer and day (Avro), keyed by issuerCik|date',
    valueSchema: 'issuer_daily_summary.avsc',
  },
  aggregatesRolling: {
    name: 'edgar.aggregates.issuer-rolling',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose:
      'Issuer summary over trailing 7/30/90 days ending on a day with trades (Avro), keyed by issuerCik|windowDays|endDate',
    valueSchema: 'issuer_rolling_summary.avsc',
  },
  aggregatesInsider: {
    name: 'edgar.aggregates.insider-daily',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose: 'Buy/sell summary per issuer, insider and day (Avro), keyed by issuerCik|ownerCik|date',
    valueSchema: 'insider_summary.avsc',
  },
  clusterEvents: {
    name: 'edgar.aggregates.cluster-buys',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose:
      'Cluster buys: N+ insiders buying within a window (Avro), keyed by issuerCik|startDate; active=false retracts one',
    valueSchema: 'cluster_event.avsc',
  },
  analysisRequests: {
    name: 'edgar.analysis.requests',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose:
      'Requests for AI analysis of notable activity (Avro), keyed by subject: accession number, or issuerCik|startDate for a cluster buy',
    valueSchema: 'analysis_request.avsc',
  },
  analysisResults: {
    name: 'edgar.analysis.results',
    partitions: 6,
    cleanupPolicy: 'compact',
    retentionMs: -1,
    purpose: 'Analyses of notable activity (Avro), keyed by subjectKind|subjectKey|model|promptVersion',
    valueSchema: 'analysis_result.avsc',
  },
  deadLetter: {
    name: 'edgar.dlq',
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 90 * DAY_MS,
    purpose: 'Records a stage could not process, with the raw payload, stage, error code and reason',
    valueSchema: 'dead_letter.avsc',
  },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPICS;

/** Consumer groups, one per consuming stage. */
export const GROUPS = {
  parser: 'sec-tracker.parser',
  loader: 'sec-tracker.loader',
  aggregator: 'sec-tracker.aggregator',
  /** The analysis stage's detector of notable activity (filings and cluster buys → requests). */
  notable: 'sec-tracker.analysis.notable',
  /** The analysis stage's analyst (requests → results). */
  analysis: 'sec-tracker.analysis',
} as const;

export type StageName = keyof typeof GROUPS;

/** The topics each consuming stage reads: what `sec-tracker replay --stage` moves. */
export const STAGE_INPUTS: Record<StageName, readonly TopicKey[]> = {
  parser: ['filingsRaw'],
  loader: [
    'filingsParsed',
    'transactions',
    'aggregatesDaily',
    'aggregatesRolling',
    'aggregatesInsider',
    'clusterEvents',
    'analysisResults',
  ],
  aggregator: ['transactions', 'filingsParsed'],
  notable: ['filingsParsed', 'clusterEvents'],
  analysis: ['analysisRequests'],
};

export function topicName(prefix: string, key: TopicKey): string {
  return prefix + TOPICS[key].name;
}

export function groupName(config: { topicPrefix: string; groupPrefix: string }, stage: StageName): string {
  return config.topicPrefix + config.groupPrefix + GROUPS[stage];
}

export function allTopics(prefix: string): { key: TopicKey; name: string; spec: TopicSpec }[] {
  return (Object.keys(TOPICS) as TopicKey[]).map((key) => ({
    key,
    name: topicName(prefix, key),
    spec: TOPICS[key],
  }));
}
