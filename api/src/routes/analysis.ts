import { z } from 'zod';
import { defineRoute } from '../framework/route';
import { date, integer, oneOf, ticker } from '../framework/params';
import { queryLatestAnalyses, SENTIMENTS } from '../queries/analysis';

const Reason = z.object({ rule: z.string(), detail: z.string() });

/** One notable subject with the analysis shown for it (AnalysisView in queries/analysis.ts). */
export const AnalysisView = z
  .object({
    subjectKind: z.enum(['filing', 'cluster']),
    subjectKey: z.string().meta({ description: 'Accession number, or issuerCik|startDate of a cluster buy' }),
    issuerCik: z.string(),
    ticker: z.string().nullable(),
    accessionNumbers: z.array(z.string()),
    subjectDate: z
      .string()
      .nullable()
      .meta({ description: "A filing's last trade date, a cluster's trigger date" }),
    reasons: z.array(Reason),
    status: z.enum(['succeeded', 'failed']),
    model: z.string(),
    promptVersion: z.string(),
    fromRules: z.boolean(),
    fallbackReason: z.string().nullable(),
    analysis: z
      .object({
        sentiment: z.enum(SENTIMENTS),
        summary: z.string(),
        keyFindings: z.array(z.string()),
        citedRows: z.array(z.object({ accessionNumber: z.string(), position: z.number().int() })),
        citedFootnotes: z.array(z.object({ accessionNumber: z.string(), footnoteId: z.string() })),
      })
      .nullable(),
    error: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
    usage: z.object({
      tokensIn: z.number().int(),
      tokensOut: z.number().int(),
      costUsd: z.string(),
      latencyMs: z.number().int(),
      attempts: z.number().int(),
    }),
    requestId: z.string(),
    analyzedAt: z.string(),
  })
  .meta({ id: 'Analysis' });

export const analysisList = defineRoute({
  name: 'listAnalyses',
  path: '/api/v1/analysis',
  tag: 'Analysis',
  summary: 'Latest notable insider activity with its AI (or rule-based) analysis',
  query: z.object({
    since: date('Activity on or after this day').optional(),
    sentiment: oneOf(SENTIMENTS, 'Only analyses with this sentiment').optional(),
    ticker: ticker('Only this ticker (as written on the filings)').optional(),
    limit: integer('How many, newest activity first', 1, 500).default(50),
  }),
  response: z.object({ count: z.number().int(), analyses: z.array(AnalysisView) }),
  async handler({ query, deps }) {
    const analyses = await queryLatestAnalyses(deps.pool, query);
    return { count: analyses.length, analyses };
  },
});

export const ANALYSIS_ROUTES = [analysisList];
