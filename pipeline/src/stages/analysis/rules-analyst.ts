/**
 * The analyst without a model (no provider configured, or the day's token budget spent): the same
 * FilingAnalysis structure, written from the request's data by fixed rules. Pure and
 * deterministic, so its answers are cached and replayed like a model's.
 */
import { FilingAnalysis } from './analysis-schema';
import type { FilingAnalysis as Analysis } from './analysis-schema';
import type { AnalysisRequest } from './model';
import { analyzeCluster } from './rules-analyst-cluster';
import { analyzeFiling } from './rules-analyst-filing';

/** Stored as the prompt version of rule-based results; bump it when the wording rules change. */
export const RULES_ANALYST_VERSION = 'rules-analyst.v1';

export function analyzeWithRules(request: AnalysisRequest): Analysis {
  const analysis =
    request.subjectKind === 'cluster' && request.cluster
      ? analyzeCluster(request, request.cluster)
      : analyzeFiling(request);
  if (analysis.keyFindings.length === 0) {
    const rows = request.filings.reduce((n, f) => n + f.rows.length, 0);
    analysis.keyFindings = [`${rows} rows reported, none of them an open-market purchase or sale`];
  }
  // The rule-based analyst must meet the same schema a model is held to.
  return FilingAnalysis.parse(analysis);
}
