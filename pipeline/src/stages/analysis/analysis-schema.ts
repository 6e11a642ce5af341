/**
 * The one schema of an analysis: the model's response format, what every answer is validated
 * against (a compatible server may ignore `strict`, so this parse is the real guard), and the
 * `analysis` of a stored result (schemas/analysis_result.avsc mirrors it; a test keeps them equal).
 */
import { z } from 'zod';

export const SUMMARY_MAX_CHARS = 400;
export const MAX_KEY_FINDINGS = 6;

export const FilingAnalysis = z
  .object({
    sentiment: z.enum(['bullish', 'bearish', 'neutral']),
    summary: z.string().min(1).max(SUMMARY_MAX_CHARS),
    keyFindings: z.array(z.string().min(1).max(300)).min(1).max(MAX_KEY_FINDINGS),
    citedRows: z.array(z.object({ accessionNumber: z.string(), position: z.number().int().min(0) }).strict()),
    citedFootnotes: z.array(z.object({ accessionNumber: z.string(), footnoteId: z.string() }).strict()),
  })
  .strict();

export type FilingAnalysis = z.infer<typeof FilingAnalysis>;
export type Sentiment = FilingAnalysis['sentiment'];

/**
 * Keywords outside the subset every provider's strict mode accepts; the limits they carry are
 * stated in the prompt and enforced by `FilingAnalysis.parse` instead.
 */
const UNPORTABLE = new Set([
  '$schema',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
]);

function portable(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(portable);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => !UNPORTABLE.has(k))
      .map(([k, v]) => [k, portable(v)]),
  );
}

/** Chat Completions `response_format` for FilingAnalysis (JSON Schema, strict). */
export function responseFormat(): {
  type: 'json_schema';
  json_schema: { name: string; strict: true; schema: Record<string, unknown> };
} {
  return {
    type: 'json_schema',
    json_schema: {
      name: 'filing_analysis',
      strict: true,
      schema: portable(z.toJSONSchema(FilingAnalysis)) as Record<string, unknown>,
    },
  };
}
