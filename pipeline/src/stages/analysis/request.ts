/**
 * Analysis requests from subject facts. A request from the stream has an id derived from its
 * content, so a replay of the detector produces the same request again (and the same stored
 * result); an on-demand request gets its own id so `sec-tracker analyze` can follow it. Pure.
 */
import type { ClusterEvent } from '../aggregator/model';
import type { AnalysisRequest, ClusterContext, NotableReason, SubjectFacts, SubjectKind } from './model';
import { contentHash, promptData } from './prompt';

export interface RequestOptions {
  origin: AnalysisRequest['origin'];
  /** For on-demand requests; stream requests derive theirs from the content. */
  requestId?: string;
  requestedAt: string;
  force?: boolean;
}

export function buildRequest(
  subject: { kind: SubjectKind; key: string },
  facts: SubjectFacts,
  reasons: NotableReason[],
  options: RequestOptions,
): AnalysisRequest {
  const request: AnalysisRequest = {
    requestId: '',
    subjectKind: subject.kind,
    subjectKey: subject.key,
    origin: options.origin,
    force: options.force ?? false,
    withdrawn: false,
    requestedAt: options.requestedAt,
    reasons,
    ...facts,
  };
  request.requestId =
    options.requestId ?? `notable:${contentHash({ data: promptData(request) }).slice(0, 32)}`;
  return request;
}

/**
 * A subject that is no longer notable — a cluster buy later data dissolved, a filing whose history
 * changed — so its stored analysis is retired; nothing is asked.
 */
export function withdrawalRequest(
  subject: { kind: SubjectKind; key: string },
  issuer: AnalysisRequest['issuer'],
  cluster: ClusterContext | null,
  requestedAt: string,
): AnalysisRequest {
  return {
    requestId: `notable:withdrawn:${subject.kind}:${subject.key}`,
    subjectKind: subject.kind,
    subjectKey: subject.key,
    origin: 'notable',
    force: false,
    withdrawn: true,
    requestedAt,
    reasons: [],
    issuer,
    filings: [],
    insiders: [],
    history: [],
    issuerTrades: [],
    cluster,
  };
}

export function clusterKey(event: Pick<ClusterEvent, 'issuerCik' | 'startDate'>): string {
  return `${event.issuerCik}|${event.startDate}`;
}

export function clusterContext(event: ClusterEvent): ClusterContext {
  return {
    startDate: event.startDate,
    endDate: event.endDate,
    triggerDate: event.triggerDate,
    insiderCount: event.insiderCount,
    ownerCiks: [...event.ownerCiks],
    purchaseCount: event.purchaseCount,
    purchaseShares: event.purchaseShares,
    purchaseValue: event.purchaseValue,
    windowDays: event.rules.windowDays,
  };
}
