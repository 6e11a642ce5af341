import { readFileSync } from 'node:fs';
import avro from 'avsc';
import { loadFixtures } from './fixture-files';
import type { OwnershipFiling } from './model';
import { parseFiling } from './parse-filing';
import { FILING_SCHEMA_PATH, ROW_SCHEMA_PATH, toFilingRecord, toRowRecords } from './to-avro';

const filingType = avro.Type.forSchema(JSON.parse(readFileSync(FILING_SCHEMA_PATH, 'utf8')) as avro.Schema, {
  wrapUnions: false,
});
const rowType = avro.Type.forSchema(JSON.parse(readFileSync(ROW_SCHEMA_PATH, 'utf8')) as avro.Schema, {
  wrapUnions: false,
});

/** isValid with the path of every mismatch, so a failure names the field. */
function problems(type: avro.Type, value: unknown): string[] {
  const found: string[] = [];
  type.isValid(value, {
    noUndeclaredFields: true,
    errorHook: (path, v) => found.push(`${path.join('.')}: ${JSON.stringify(v)}`),
  });
  return found;
}

const parsed: [string, OwnershipFiling][] = loadFixtures()
  .filter((f) => !f.expectError)
  .map((f) => {
    const outcome = parseFiling(f.bytes, { source: f.name });
    if (!outcome.ok) {
      throw new Error(`${f.name}: ${outcome.error.message}`);
    }
    return [f.name, outcome.filing];
  });

describe('to-avro', () => {
  it.each(parsed)('%s: filing record is valid for ownership_filing.avsc', (_name, filing) => {
    const record = toFilingRecord(filing);
    expect(problems(filingType, record)).toEqual([]);
    expect(record.rowCount).toBe(filing.rows.length);
  });

  it.each(parsed)('%s: every row record is valid for ownership_row.avsc', (_name, filing) => {
    const records = toRowRecords(filing);
    expect(records).toHaveLength(filing.rows.length);
    for (const record of records) {
      expect(problems(rowType, record)).toEqual([]);
    }
  });

  it('round-trips a row through Avro binary without losing a decimal digit', () => {
    const filing = parsed.find(([name]) => name.startsWith('form4-x0609'))![1];
    for (const record of toRowRecords(filing)) {
      expect(rowType.fromBuffer(rowType.toBuffer(record))).toEqual(record);
    }
  });

  it('links an amendment to what it amends', () => {
    const amendment = parsed.find(([name]) => name === 'form4a-x0508-partial-amendment.xml')![1];
    expect(toFilingRecord(amendment).amends).toEqual({
      documentType: '4',
      issuerCik: '0001999006',
      reportingOwnerCiks: ['0001311601'],
      periodOfReport: '2024-08-01',
      dateOfOriginalSubmission: '2024-08-05',
    });
  });

  it('attaches every owner of a joint filing to each row, once', () => {
    const joint = parsed.find(([name]) => name.startsWith('form4-x0306-joint'))![1];
    const records = toRowRecords(joint);
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(r.reportingOwnerCiks).toEqual(['0001666201', '0001666202', '0001666203']);
    }
  });

  it('rejects a record that breaks the schema (the check is not vacuous)', () => {
    const filing = parsed[0]![1];
    const bad = { ...toRowRecords(filing)[0], shares: 12.5 };
    expect(problems(rowType, bad)).not.toEqual([]);
    expect(problems(filingType, { ...toFilingRecord(filing), extra: 1 })).not.toEqual([]);
  });
});
