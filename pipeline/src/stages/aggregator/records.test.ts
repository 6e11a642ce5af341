/**
 * The aggregator's records on both ends: what it reads is what the parser produces, and what it
 * produces matches the .avsc files field for field (no undeclared fields, every required one).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import avro from 'avsc';
import { FIXTURES_DIR } from '../../../../devtools/fake-edgar';
import { SCHEMAS_DIR } from '../../paths';
import { TOPICS } from '../../topics';
import { parseFiling } from '../parser/parse-filing';
import { toFilingRecord, toRowRecords } from '../parser/to-avro';
import { recomputeIssuer } from './aggregate';
import { contexts, filing, ISSUER, owner } from './fixtures/rows';
import { filingChange, rowChange } from './from-records';
import { INSIDER_ROLES } from './model';
import type { OutputKind } from './outputs';

const SCHEMA_OF: Record<OutputKind, string> = {
  daily: TOPICS.aggregatesDaily.valueSchema,
  rolling: TOPICS.aggregatesRolling.valueSchema,
  insider: TOPICS.aggregatesInsider.valueSchema,
  cluster: TOPICS.clusterEvents.valueSchema,
};

function parsed(accession: string) {
  const outcome = parseFiling(readFileSync(path.join(FIXTURES_DIR, `${accession}.txt`)));
  if (!outcome.ok) {
    throw new Error(outcome.error.message);
  }
  return outcome.filing;
}

describe('aggregate records', () => {
  it('match their Avro schemas exactly, zeroed and inactive ones included', () => {
    const rows = [
      ...filing({ accession: 'Q-1', owners: ['A'] }, [
        { transactionDate: '2026-03-01', shares: '10', pricePerShare: '2', value: '20', tradeKey: 'a' },
        {
          transactionDate: '2026-03-01',
          code: 'S',
          shares: '5',
          pricePerShare: '3',
          value: '15',
          is10b5One: true,
          tradeKey: 'b',
        },
        { transactionDate: '2026-03-01', code: 'A', shares: '5', tradeKey: 'c' },
      ]),
      ...filing({ accession: 'Q-2', owners: ['B'] }, [
        { transactionDate: '2026-03-02', shares: '1', value: null, tradeKey: 'd' },
      ]),
      ...filing({ accession: 'Q-3', owners: ['C'] }, [
        { transactionDate: '2026-03-03', shares: '1', pricePerShare: '1', value: '1', tradeKey: 'e' },
      ]),
    ];
    const outputs = recomputeIssuer({
      issuerCik: ISSUER,
      changedDays: ['2026-03-01', '2026-03-09'],
      rows,
      purchaseRows: rows,
      contexts: contexts({ accessionNumber: 'Q-1', dateOfOriginalSubmission: null, owners: [owner('A')] }),
      previous: [{ output: 'cluster', key: `${ISSUER}|2026-01-01`, date: '2026-01-01' }],
      rules: { minInsiders: 3, windowDays: 10, minValue: '0', roles: INSIDER_ROLES },
    });
    expect(new Set(outputs.map((o) => o.output))).toEqual(
      new Set(['daily', 'rolling', 'insider', 'cluster']),
    );
    for (const o of outputs) {
      const type = avro.Type.forSchema(
        JSON.parse(readFileSync(path.join(SCHEMAS_DIR, SCHEMA_OF[o.output]), 'utf8')) as avro.Schema,
      );
      const problems: string[] = [];
      type.isValid(o.record, {
        noUndeclaredFields: true,
        errorHook: (p) => problems.push(`${o.output}.${p.join('.')}`),
      });
      expect(problems).toEqual([]);
    }
  });
});

describe('from-records', () => {
  it('keeps the transactions of parser row records, with exact decimals and the filing context', () => {
    const jane = parsed('0009995001-26-000101');
    const changes = toRowRecords(jane).map(rowChange);
    const kept = changes.flatMap((c) => (c.keep ? [c.row] : []));
    expect(kept.length).toBeGreaterThan(0);
    expect(kept[0]).toMatchObject({
      accessionNumber: '0009995001-26-000101',
      issuerCik: '0009990001',
      issuerTicker: 'ACME',
      kind: 'open_market_purchase',
      shares: '1500.5',
      pricePerShare: '12.3456',
      value: '18524.5728',
    });
    expect(kept.every((r) => r.ownerCiks.length === 1)).toBe(true);
  });

  it('drops holdings and keeps a derivative P as a derivative trade', () => {
    const changes = toRowRecords(parsed('0009995001-26-000188')).map(rowChange);
    expect(changes.some((c) => !c.keep)).toBe(true);
    expect(changes.flatMap((c) => (c.keep ? [c.row.kind] : []))).toEqual(['derivative_trade']);
  });

  it('reads owner roles and dateOfOriginalSubmission from the filing record', () => {
    const change = filingChange(toFilingRecord(parsed('0009995001-26-000123')));
    expect(change.context.dateOfOriginalSubmission).toBe('2026-03-04');
    expect(change.context.owners[0]).toMatchObject({ cik: '0009991001', isDirector: true, isOfficer: true });
  });

  it('rejects a row whose amount is not an exact decimal', () => {
    const [record] = toRowRecords(parsed('0009995001-26-000101'));
    expect(() => rowChange({ ...record!, shares: '1e3' })).toThrow(/not an exact decimal/);
  });
});
