import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisRequest } from './model';
import { checkAnswer } from './validate-answer';

const request = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'ceo-first-purchase.request.json'), 'utf8'),
) as AnalysisRequest;
const ACC = '0009995001-26-000231';
const good = {
  sentiment: 'bullish',
  summary: 'The CEO bought $197,193 of stock, her first purchase since 2023.',
  keyFindings: ['First purchase since 2023-09-12'],
  citedRows: [{ accessionNumber: ACC, position: 1 }],
  citedFootnotes: [{ accessionNumber: ACC, footnoteId: 'F2' }],
};

describe('checkAnswer', () => {
  it('accepts a valid answer, also inside a Markdown fence', () => {
    expect(checkAnswer(JSON.stringify(good), request)).toEqual({ ok: true, analysis: good });
    expect(checkAnswer('```json\n' + JSON.stringify(good) + '\n```', request).ok).toBe(true);
  });

  it.each([
    ['plain text', 'BUY NOW', 'invalid_json'],
    ['truncated JSON', JSON.stringify(good).slice(0, 40), 'invalid_json'],
    ['an unknown sentiment', JSON.stringify({ ...good, sentiment: 'very bullish' }), 'schema_violation'],
    [
      'a summary over 400 characters',
      JSON.stringify({ ...good, summary: 'x'.repeat(401) }),
      'schema_violation',
    ],
    ['no key findings', JSON.stringify({ ...good, keyFindings: [] }), 'schema_violation'],
    ['an extra field', JSON.stringify({ ...good, advice: 'buy' }), 'schema_violation'],
    [
      'a row the filing does not have',
      JSON.stringify({ ...good, citedRows: [{ accessionNumber: ACC, position: 7 }] }),
      'invalid_citation',
    ],
    [
      'a footnote of another filing',
      JSON.stringify({
        ...good,
        citedFootnotes: [{ accessionNumber: '0000000000-26-000001', footnoteId: 'F1' }],
      }),
      'invalid_citation',
    ],
  ])('rejects %s', (_what, content, code) => {
    const checked = checkAnswer(content, request);
    expect(checked).toMatchObject({ ok: false, code });
  });

  it('names each citation that does not exist', () => {
    const checked = checkAnswer(
      JSON.stringify({
        ...good,
        citedRows: [{ accessionNumber: ACC, position: 7 }],
        citedFootnotes: [{ accessionNumber: ACC, footnoteId: 'F9' }],
      }),
      request,
    );
    expect(checked.ok ? '' : checked.message).toBe(
      `cites what is not in the data (row 7 of ${ACC} does not exist; footnote F9 of ${ACC} does not exist)`,
    );
  });
});
