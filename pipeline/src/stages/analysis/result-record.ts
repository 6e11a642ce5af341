/**
 * The parts of a result that come from its request, and the two results that need no model call:
 * a success (fresh or cached) and a withdrawal. Pure.
 */
import { subjectDate } from './activity';
import type { CachedOutcome } from './analyst-state';
import type { AnalysisRequest, AnalysisResult } from './model';
import { RULES_MODEL } from './model';
import { contentHash } from './prompt';
import { RULES_ANALYST_VERSION } from './rules-analyst';

export type Base = Pick<
  AnalysisResult,
  | 'requestId'
  | 'subjectKind'
  | 'subjectKey'
  | 'issuerCik'
  | 'issuerTicker'
  | 'accessionNumbers'
  | 'subjectDate'
  | 'reasons'
  | 'requestedAt'
>;

export function baseOf(request: AnalysisRequest): Base {
  const accessions = request.filings.map((f) => f.accessionNumber);
  return {
    requestId: request.requestId,
    subjectKind: request.subjectKind,
    subjectKey: request.subjectKey,
    issuerCik: request.issuer.cik,
    issuerTicker: request.issuer.ticker,
    accessionNumbers:
      accessions.length === 0 && request.subjectKind === 'filing' ? [request.subjectKey] : accessions,
    subjectDate: subjectDate(request.subjectKind, request),
    reasons: request.reasons,
    requestedAt: request.requestedAt,
  };
}

export function succeeded(
  base: Base,
  outcome: CachedOutcome,
  how: Pick<AnalysisResult, 'model' | 'promptVersion' | 'source' | 'fallbackReason' | 'contentHash'>,
): AnalysisResult {
  return { ...base, ...how, ...outcome, status: 'succeeded', errorCode: null, error: null };
}

/** Retires the subject's analysis under the model in use (the row it would otherwise hold). */
export function withdrawnResult(
  request: AnalysisRequest,
  model: { model: string; promptVersion: string } | null,
): AnalysisResult {
  return {
    ...baseOf(request),
    model: model?.model ?? RULES_MODEL,
    promptVersion: model?.promptVersion ?? RULES_ANALYST_VERSION,
    source: model ? 'llm' : 'rules',
    fallbackReason: model ? null : 'no_provider',
    status: 'withdrawn',
    errorCode: null,
    error: null,
    analysis: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: '0',
    latencyMs: 0,
    attempts: 0,
    contentHash: contentHash({ withdrawn: `${request.subjectKind}|${request.subjectKey}` }),
    // A withdrawal carries no answer; dating it by its request keeps replays identical.
    analyzedAt: request.requestedAt,
  };
}
