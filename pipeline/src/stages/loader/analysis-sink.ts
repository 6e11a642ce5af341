/**
 * Loader sink for edgar.analysis.results: each result becomes one analysis_results row, merged on
 * (subject, model, prompt version), so the table holds the latest outcome of each. Pure.
 */
import type { CopyValue } from '../../shared/db/copy';
// Type-only: the record shape is defined by the analysis stage, which produces it.
import type { AnalysisResult } from '../analysis/model';
import type { TableSpec } from './merge';
import { textArray } from './sinks';
import type { RecordSink } from './sinks';

export const ANALYSIS_RESULTS: TableSpec = {
  table: 'analysis_results',
  key: ['subject_kind', 'subject_key', 'model', 'prompt_version'],
  columns: [
    'subject_kind',
    'subject_key',
    'model',
    'prompt_version',
    'request_id',
    'issuer_cik',
    'issuer_ticker',
    'accession_numbers',
    'subject_date',
    'reasons',
    'source',
    'fallback_reason',
    'status',
    'error_code',
    'error',
    'sentiment',
    'summary',
    'key_findings',
    'cited_rows',
    'cited_footnotes',
    'tokens_in',
    'tokens_out',
    'cost_usd',
    'latency_ms',
    'attempts',
    'content_hash',
    'requested_at',
    'analyzed_at',
  ],
};

export const analysisResultSink: RecordSink = {
  toTables(record) {
    const r = record as AnalysisResult;
    const a = r.analysis;
    const row: CopyValue[] = [
      r.subjectKind,
      r.subjectKey,
      r.model,
      r.promptVersion,
      r.requestId,
      r.issuerCik,
      r.issuerTicker,
      textArray(r.accessionNumbers),
      r.subjectDate,
      JSON.stringify(r.reasons),
      r.source,
      r.fallbackReason,
      r.status,
      r.errorCode,
      r.error,
      a?.sentiment ?? null,
      a?.summary ?? null,
      JSON.stringify(a?.keyFindings ?? []),
      JSON.stringify(a?.citedRows ?? []),
      JSON.stringify(a?.citedFootnotes ?? []),
      r.tokensIn,
      r.tokensOut,
      r.costUsd,
      r.latencyMs,
      r.attempts,
      r.contentHash,
      r.requestedAt,
      r.analyzedAt,
    ];
    return [{ spec: ANALYSIS_RESULTS, rows: [row] }];
  },
  issuers: (record) => [(record as AnalysisResult).issuerCik],
};
