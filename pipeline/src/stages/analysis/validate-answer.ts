/**
 * Whether a model's answer is usable: JSON, FilingAnalysis-shaped, and citing only rows and
 * footnotes that exist in the request. The reason of a rejection goes back to the model in the
 * repair attempt and, if that fails too, into the stored result. Pure.
 */
import { FilingAnalysis } from './analysis-schema';
import type { FilingAnalysis as Analysis } from './analysis-schema';
import type { AnalysisRequest } from './model';

export type AnswerCheck =
  | { ok: true; analysis: Analysis }
  | { ok: false; code: 'invalid_json' | 'schema_violation' | 'invalid_citation'; message: string };

/** Models often wrap JSON in a Markdown fence even when asked not to; that is not worth a repair. */
function unfenced(content: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(content);
  return m ? m[1]! : content;
}

export function checkCitations(analysis: Analysis, request: AnalysisRequest): string[] {
  const rows = new Set(
    request.filings.flatMap((f) => f.rows.map((r) => `${f.accessionNumber}#${r.position}`)),
  );
  const notes = new Set(
    request.filings.flatMap((f) => f.footnotes.map((n) => `${f.accessionNumber}#${n.id}`)),
  );
  return [
    ...analysis.citedRows
      .filter((c) => !rows.has(`${c.accessionNumber}#${c.position}`))
      .map((c) => `row ${c.position} of ${c.accessionNumber} does not exist`),
    ...analysis.citedFootnotes
      .filter((c) => !notes.has(`${c.accessionNumber}#${c.footnoteId}`))
      .map((c) => `footnote ${c.footnoteId} of ${c.accessionNumber} does not exist`),
  ];
}

export function checkAnswer(content: string, request: AnalysisRequest): AnswerCheck {
  let json: unknown;
  try {
    json = JSON.parse(unfenced(content));
  } catch (err) {
    return { ok: false, code: 'invalid_json', message: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = FilingAnalysis.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return {
      ok: false,
      code: 'schema_violation',
      message: `does not match the schema (${issues.join('; ')})`,
    };
  }
  const wrong = checkCitations(parsed.data, request);
  if (wrong.length > 0) {
    return {
      ok: false,
      code: 'invalid_citation',
      message: `cites what is not in the data (${wrong.join('; ')})`,
    };
  }
  return { ok: true, analysis: parsed.data };
}
