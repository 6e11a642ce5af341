/**
 * Aggregate records with their Kafka keys. Every aggregate topic is compacted, so a key names one
 * fact (an issuer's day, a window, an insider's day, a cluster) and the latest record wins:
 * re-producing the same record on redelivery is harmless.
 *
 * The digest lets the shell skip records that did not change since they were last produced, so a
 * replay over unchanged data produces nothing.
 */
import { createHash } from 'node:crypto';
import type { ClusterEvent, InsiderDailySummary, IssuerDailySummary, IssuerRollingSummary } from './model';

export type OutputKind = 'daily' | 'rolling' | 'insider' | 'cluster';

interface RecordOf {
  daily: IssuerDailySummary;
  rolling: IssuerRollingSummary;
  insider: InsiderDailySummary;
  cluster: ClusterEvent;
}

export type AggregateOutput = {
  [K in OutputKind]: {
    output: K;
    key: string;
    issuerCik: string;
    date: string;
    ownerCik?: string;
    record: RecordOf[K];
  };
}[OutputKind];

/** What the shell remembers of a produced record. */
export interface EmittedKey {
  output: OutputKind;
  key: string;
  /** The day the record is about: day, window end, or cluster start. */
  date: string;
  ownerCik?: string;
  digest?: string;
}

type Identity = { key: string; date: string; ownerCik?: string };

const IDENTITY: { [K in OutputKind]: (r: RecordOf[K]) => Identity } = {
  daily: (r) => ({ key: `${r.issuerCik}|${r.date}`, date: r.date }),
  rolling: (r) => ({ key: `${r.issuerCik}|${r.windowDays}|${r.endDate}`, date: r.endDate }),
  insider: (r) => ({ key: `${r.issuerCik}|${r.ownerCik}|${r.date}`, date: r.date, ownerCik: r.ownerCik }),
  cluster: (r) => ({ key: `${r.issuerCik}|${r.startDate}`, date: r.startDate }),
};

export function outputFor<K extends OutputKind>(output: K, record: RecordOf[K]): AggregateOutput {
  return { output, record, issuerCik: record.issuerCik, ...IDENTITY[output](record) } as AggregateOutput;
}

/** JSON with object keys sorted, so equal records give equal digests whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function digestOf(output: AggregateOutput): string {
  return createHash('sha256').update(stableJson(output.record)).digest('hex').slice(0, 32);
}

/** The outputs whose digest differs from what was produced last time. */
export function changedOutputs(
  outputs: readonly AggregateOutput[],
  previous: readonly EmittedKey[],
): AggregateOutput[] {
  const before = new Map(previous.map((p) => [`${p.output}\u0000${p.key}`, p.digest]));
  return outputs.filter((o) => before.get(`${o.output}\u0000${o.key}`) !== digestOf(o));
}
