import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { SCHEMAS_DIR } from '../../paths';
import { FilingAnalysis, responseFormat } from './analysis-schema';

const resultSchema = JSON.parse(readFileSync(`${SCHEMAS_DIR}/analysis_result.avsc`, 'utf8')) as {
  fields: { name: string; type: unknown }[];
};
const resultType = avro.Type.forSchema(resultSchema as avro.Schema, { wrapUnions: false });

function keysDeep(node: unknown): string[] {
  if (Array.isArray(node)) {
    return node.flatMap(keysDeep);
  }
  if (node === null || typeof node !== 'object') {
    return [];
  }
  return Object.entries(node).flatMap(([k, v]) => [k, ...keysDeep(v)]);
}

describe('FilingAnalysis', () => {
  it('is sent as a strict schema inside the subset every provider accepts', () => {
    const format = responseFormat();
    expect(format.json_schema.strict).toBe(true);
    const schema = format.json_schema.schema as { required: string[]; additionalProperties: boolean };
    expect(schema.required.sort()).toEqual(Object.keys(FilingAnalysis.shape).sort());
    expect(schema.additionalProperties).toBe(false);
    expect(keysDeep(schema)).not.toEqual(expect.arrayContaining(['maxLength']));
    expect(new Set(keysDeep(schema))).not.toContain('minItems');
  });

  it('has the fields of the analysis record of analysis_result.avsc', () => {
    const analysisField = resultSchema.fields.find((f) => f.name === 'analysis')!;
    const record = (analysisField.type as unknown[])[1] as { fields: { name: string }[] };
    expect(record.fields.map((f) => f.name)).toEqual(Object.keys(FilingAnalysis.shape));
  });

  it('round-trips a valid analysis through the result schema', () => {
    const analysis = FilingAnalysis.parse({
      sentiment: 'neutral',
      summary: 'A planned sale.',
      keyFindings: ['Sold under a Rule 10b5-1 plan'],
      citedRows: [{ accessionNumber: '0009995001-26-000262', position: 0 }],
      citedFootnotes: [{ accessionNumber: '0009995001-26-000262', footnoteId: 'F1' }],
    });
    const result = {
      requestId: 'r',
      subjectKind: 'filing',
      subjectKey: '0009995001-26-000262',
      issuerCik: '0009990005',
      issuerTicker: 'KGRD',
      accessionNumbers: ['0009995001-26-000262'],
      subjectDate: '2026-05-13',
      reasons: [],
      model: 'rules',
      promptVersion: 'rules-analyst.v1',
      source: 'rules',
      fallbackReason: 'no_provider',
      status: 'succeeded',
      errorCode: null,
      error: null,
      analysis,
      tokensIn: 0,
      tokensOut: 0,
      costUsd: '0',
      latencyMs: 0,
      attempts: 0,
      contentHash: 'h',
      requestedAt: '2026-05-14T20:45:34.000Z',
      analyzedAt: '2026-05-14T20:45:35.000Z',
    };
    expect(resultType.isValid(result, { noUndeclaredFields: true })).toBe(true);
    expect(resultType.fromBuffer(resultType.toBuffer(result))).toEqual(result);
  });
});
