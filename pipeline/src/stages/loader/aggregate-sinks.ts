/**
 * Loader sinks for the aggregate topics: each compacted record becomes one row, merged on the
 * record's key, so the table always holds the latest record per key (a zeroed day, an inactive
 * cluster included). Pure.
 */
import type { CopyValue } from '../../shared/db/copy';
// Type-only: the record shapes are defined by the aggregator, which produces them.
import type {
  ClusterEvent,
  InsiderDailySummary,
  IssuerDailySummary,
  IssuerRollingSummary,
  SideTotals,
  TradeActivity,
} from '../aggregator/model';
import type { TableSpec } from './merge';
import { textArray, type RecordSink } from './sinks';

function sideColumns(side: 'purchase' | 'sale'): string[] {
  return [
    `${side}_count`,
    `${side}_shares`,
    `${side}_value`,
    `${side}_unvalued_count`,
    `${side}_10b5_1_count`,
    `${side}_10b5_1_shares`,
    `${side}_10b5_1_value`,
    `${side}_non_10b5_1_count`,
    `${side}_non_10b5_1_shares`,
    `${side}_non_10b5_1_value`,
  ];
}

const ACTIVITY_COLUMNS = [
  ...sideColumns('purchase'),
  ...sideColumns('sale'),
  'net_shares',
  'net_value',
  'other_kind_counts',
];
const DISTINCT_COLUMNS = ['distinct_insiders', 'distinct_buyers', 'distinct_sellers'];

function sideValues(s: SideTotals): CopyValue[] {
  return [
    s.total.count,
    s.total.shares,
    s.total.value,
    s.total.unvaluedCount,
    s.tenB5One.count,
    s.tenB5One.shares,
    s.tenB5One.value,
    s.notTenB5One.count,
    s.notTenB5One.shares,
    s.notTenB5One.value,
  ];
}

function activityValues(a: TradeActivity): CopyValue[] {
  return [
    ...sideValues(a.purchases),
    ...sideValues(a.sales),
    a.netShares,
    a.netValue,
    JSON.stringify(a.otherKindCounts),
  ];
}

export const DAILY_SUMMARIES: TableSpec = {
  table: 'daily_summaries',
  key: ['issuer_cik', 'date'],
  columns: ['issuer_cik', 'date', 'issuer_ticker', ...ACTIVITY_COLUMNS, ...DISTINCT_COLUMNS],
};

export const ROLLING_SUMMARIES: TableSpec = {
  table: 'rolling_summaries',
  key: ['issuer_cik', 'window_days', 'end_date'],
  columns: [
    'issuer_cik',
    'window_days',
    'end_date',
    'start_date',
    'issuer_ticker',
    ...ACTIVITY_COLUMNS,
    ...DISTINCT_COLUMNS,
  ],
};

export const INSIDER_SUMMARIES: TableSpec = {
  table: 'insider_summaries',
  key: ['issuer_cik', 'owner_cik', 'date'],
  columns: [
    'issuer_cik',
    'owner_cik',
    'date',
    'issuer_ticker',
    'owner_name',
    'is_director',
    'is_officer',
    'is_ten_percent_owner',
    'is_other',
    'officer_title',
    ...ACTIVITY_COLUMNS,
  ],
};

export const CLUSTER_EVENTS: TableSpec = {
  table: 'cluster_events',
  key: ['issuer_cik', 'start_date'],
  columns: [
    'issuer_cik',
    'start_date',
    'end_date',
    'trigger_date',
    'issuer_ticker',
    'active',
    'insider_count',
    'owner_ciks',
    'purchase_count',
    'purchase_shares',
    'purchase_value',
    'min_insiders',
    'window_days',
    'min_value',
    'roles',
  ],
};

function issuerOf(record: unknown): string[] {
  return [(record as { issuerCik: string }).issuerCik];
}

export const dailySummarySink: RecordSink = {
  toTables(record) {
    const r = record as IssuerDailySummary;
    const row = [
      r.issuerCik,
      r.date,
      r.issuerTicker,
      ...activityValues(r),
      r.distinctInsiders,
      r.distinctBuyers,
      r.distinctSellers,
    ];
    return [{ spec: DAILY_SUMMARIES, rows: [row] }];
  },
  issuers: issuerOf,
};

export const rollingSummarySink: RecordSink = {
  toTables(record) {
    const r = record as IssuerRollingSummary;
    const row = [
      r.issuerCik,
      r.windowDays,
      r.endDate,
      r.startDate,
      r.issuerTicker,
      ...activityValues(r),
      r.distinctInsiders,
      r.distinctBuyers,
      r.distinctSellers,
    ];
    return [{ spec: ROLLING_SUMMARIES, rows: [row] }];
  },
  issuers: issuerOf,
};

export const insiderSummarySink: RecordSink = {
  toTables(record) {
    const r = record as InsiderDailySummary;
    const row = [
      r.issuerCik,
      r.ownerCik,
      r.date,
      r.issuerTicker,
      r.ownerName,
      r.isDirector,
      r.isOfficer,
      r.isTenPercentOwner,
      r.isOther,
      r.officerTitle,
      ...activityValues(r),
    ];
    return [{ spec: INSIDER_SUMMARIES, rows: [row] }];
  },
  issuers: issuerOf,
};

export const clusterEventSink: RecordSink = {
  toTables(record) {
    const r = record as ClusterEvent;
    const row: CopyValue[] = [
      r.issuerCik,
      r.startDate,
      r.endDate,
      r.triggerDate,
      r.issuerTicker,
      r.active,
      r.insiderCount,
      textArray(r.ownerCiks),
      r.purchaseCount,
      r.purchaseShares,
      r.purchaseValue,
      r.rules.minInsiders,
      r.rules.windowDays,
      r.rules.minValue,
      textArray(r.rules.roles),
    ];
    return [{ spec: CLUSTER_EVENTS, rows: [row] }];
  },
  issuers: issuerOf,
};

/** Topic names of the aggregate topics (with the deployment's prefix). */
export interface AggregateTopicNames {
  daily: string;
  rolling: string;
  insider: string;
  clusters: string;
}

/** Sinks by topic name, for the loader's `sinks` map: `new Map([...coreSinks, ...aggregateSinks(names)])`. */
export function aggregateSinks(topics: AggregateTopicNames): Map<string, RecordSink> {
  return new Map([
    [topics.daily, dailySummarySink],
    [topics.rolling, rollingSummarySink],
    [topics.insider, insiderSummarySink],
    [topics.clusters, clusterEventSink],
  ]);
}
