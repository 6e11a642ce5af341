import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { itWithSamples, SAMPLES_DIR } from '../../../../devtools/jest/edgar-samples';
import type { OwnershipFiling, OwnershipRow, RowTable, RowType } from './model';
import { parseFiling } from './parse-filing';

/**
 * Our numbers against the SEC's own: the Insider Transactions Data Sets (2024q4 subsets in
 * ../shared/edgar-samples/sec-datasets/*.oracle-A.tsv) hold the SEC's extraction of some filings
 * whose XML is in ../shared/edgar-samples/form4. The SEC rounds numbers to 2 decimals and writes
 * dates as DD-MON-YYYY, so both sides are brought to that form before comparing.
 */

type OracleRow = Record<string, string>;

function readTsv(file: string): OracleRow[] {
  const [head, ...lines] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const columns = (head ?? '').split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [columns[i] ?? `c${i}`, v])));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const secDate = (iso: string | null) =>
  iso === null ? '' : `${iso.slice(8, 10)}-${MONTHS[Number(iso.slice(5, 7)) - 1]}-${iso.slice(0, 4)}`;
const secNumber = (d: string | null) => (d === null ? '' : Number(d).toFixed(2));
const oracleNumber = (v: string | undefined) => (v === undefined || v === '' ? '' : Number(v).toFixed(2));
const ids = (list: string[] | undefined) => [...(list ?? [])].sort().join(',');
const oracleIds = (v: string | undefined) => (v ?? '').split(/,\s*/).filter(Boolean).sort().join(',');

/** The comparable view of one of our rows, in the oracle's terms. */
function ourView(row: OwnershipRow) {
  return {
    title: row.securityTitle ?? '',
    date: secDate(row.transactionDate),
    code: row.code ?? '',
    shares: secNumber(row.shares),
    price: secNumber(row.pricePerShare),
    priceFn: ids(row.footnoteIds.transactionPricePerShare),
    after: secNumber(row.sharesOwnedFollowing),
    underlyingShares: secNumber(row.underlyingSecurityShares),
    direct: row.directOrIndirect ?? '',
    nature: row.natureOfOwnership ?? '',
    natureFn: ids(row.footnoteIds.natureOfOwnership),
  };
}

function oracleView(o: OracleRow) {
  return {
    title: o.SECURITY_TITLE ?? '',
    date: o.TRANS_DATE ?? '',
    code: o.TRANS_CODE ?? '',
    shares: oracleNumber(o.TRANS_SHARES),
    price: oracleNumber(o.TRANS_PRICEPERSHARE),
    priceFn: oracleIds(o.TRANS_PRICEPERSHARE_FN),
    after: oracleNumber(o.SHRS_OWND_FOLWNG_TRANS),
    underlyingShares: oracleNumber(o.UNDLYNG_SEC_SHARES),
    direct: o.DIRECT_INDIRECT_OWNERSHIP ?? '',
    nature: o.NATURE_OF_OWNERSHIP ?? '',
    natureFn: oracleIds(o.NATURE_OF_OWNERSHIP_FN),
  };
}

const TABLES: [string, RowTable, RowType, (keyof ReturnType<typeof oracleView>)[]][] = [
  [
    '2024q4_DERIV_TRANS.oracle-A.tsv',
    'derivative',
    'transaction',
    [
      'title',
      'date',
      'code',
      'shares',
      'price',
      'priceFn',
      'after',
      'underlyingShares',
      'direct',
      'nature',
      'natureFn',
    ],
  ],
  [
    '2024q4_DERIV_HOLDING.oracle-A.tsv',
    'derivative',
    'holding',
    ['title', 'after', 'underlyingShares', 'direct', 'nature', 'natureFn'],
  ],
  [
    '2024q4_NONDERIV_HOLDING.oracle-A.tsv',
    'nonDerivative',
    'holding',
    ['title', 'after', 'direct', 'nature', 'natureFn'],
  ],
];

describe('parsed numbers agree with the SEC Insider Transactions Data Sets', () => {
  itWithSamples('matches every oracle row of every sample accession', () => {
    const filings = new Map<string, OwnershipFiling>();
    for (const file of readdirSync(path.join(SAMPLES_DIR, 'form4'))) {
      const accession = /(\d{10}-\d{2}-\d{6})\.xml$/.exec(file)?.[1];
      const outcome = parseFiling(readFileSync(path.join(SAMPLES_DIR, 'form4', file)));
      if (accession && outcome.ok) {
        filings.set(accession, outcome.filing);
      }
    }
    let compared = 0;
    for (const [tsv, table, rowType, fields] of TABLES) {
      const oracle = readTsv(path.join(SAMPLES_DIR, 'sec-datasets', tsv));
      const byAccession = new Map<string, OracleRow[]>();
      for (const o of oracle) {
        byAccession.set(o.ACCESSION_NUMBER ?? '', [...(byAccession.get(o.ACCESSION_NUMBER ?? '') ?? []), o]);
      }
      for (const [accession, expected] of byAccession) {
        const filing = filings.get(accession);
        if (filing === undefined) {
          continue;
        } // the oracle lists accessions whose XML is not among the samples
        const ours = filing.rows.filter((r) => r.table === table && r.rowType === rowType).map(ourView);
        expect([tsv, accession, ours.length]).toEqual([tsv, accession, expected.length]);
        for (const o of expected) {
          const want = oracleView(o);
          const pick = (v: typeof want) => Object.fromEntries(fields.map((f) => [f, v[f]]));
          expect(ours.map(pick)).toContainEqual(pick(want));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  itWithSamples('matches the signatures', () => {
    const oracle = readTsv(path.join(SAMPLES_DIR, 'sec-datasets', '2024q4_OWNER_SIGNATURE.oracle-A.tsv'));
    let compared = 0;
    for (const file of readdirSync(path.join(SAMPLES_DIR, 'form4'))) {
      const accession = /(\d{10}-\d{2}-\d{6})\.xml$/.exec(file)?.[1];
      const rows = oracle.filter((o) => o.ACCESSION_NUMBER === accession);
      if (rows.length === 0) {
        continue;
      }
      const outcome = parseFiling(readFileSync(path.join(SAMPLES_DIR, 'form4', file)));
      if (!outcome.ok) {
        throw new Error(`${file}: ${outcome.error.message}`);
      }
      const ours = outcome.filing.signatures.map((s) => [s.name, secDate(s.date)]);
      expect(ours).toEqual(rows.map((o) => [o.OWNERSIGNATURENAME, o.OWNERSIGNATUREDATE]));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });
});
