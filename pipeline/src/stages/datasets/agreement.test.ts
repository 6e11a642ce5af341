import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDatasetZip } from '../../../../devtools/datasets/build-zip';
import { createTableWriter, secNumber } from '../../../../devtools/datasets/write-tables';
import type { OwnershipFiling, OwnershipRow } from '../parser/model';
import { REPO_ROOT } from '../../paths';
import { parseFiling } from '../parser/parse-filing';
import { datasetFiling, NUMBER_FIELDS } from './dataset-filing';
import { readZipTables } from './zip-tables';

/**
 * Agreement of the two paths on real data: every filing that is both an XML sample under
 * ../shared/edgar-samples and in a real SEC data-set table there (the 2024q4 `*.oracle-A.tsv`
 * subsets) gives the same rows through the data-set reader as through the XML parser, within the
 * data set's 2-decimal rounding. The real tables go through the reader as they are (their headers
 * included); the tables the samples lack for these accessions (SUBMISSION, REPORTINGOWNER,
 * NONDERIV_TRANS, FOOTNOTES) are written from the XML by our table writer, and only the rows of
 * real tables are compared.
 */
// ../shared next to the repository; a worktree elsewhere points at it with EDGAR_SAMPLES_DIR.
const SAMPLES_DIR = process.env.EDGAR_SAMPLES_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'edgar-samples');
const HAVE_SAMPLES = existsSync(path.join(SAMPLES_DIR, 'sec-datasets'));
const REAL_TABLES: Record<string, [OwnershipRow['table'], OwnershipRow['rowType']]> = {
  DERIV_TRANS: ['derivative', 'transaction'],
  DERIV_HOLDING: ['derivative', 'holding'],
  NONDERIV_HOLDING: ['nonDerivative', 'holding'],
};

/** What both paths must agree on: every filed field, numbers at the data set's precision. */
function comparable(r: OwnershipRow) {
  return {
    table: r.table,
    rowType: r.rowType,
    securityTitle: r.securityTitle,
    transactionDate: r.transactionDate,
    deemedExecutionDate: r.deemedExecutionDate,
    transactionFormType: r.transactionFormType,
    code: r.code,
    equitySwapInvolved: r.equitySwapInvolved,
    acquiredDisposed: r.acquiredDisposed,
    directOrIndirect: r.directOrIndirect,
    natureOfOwnership: r.natureOfOwnership,
    exerciseDate: r.exerciseDate,
    expirationDate: r.expirationDate,
    underlyingSecurityTitle: r.underlyingSecurityTitle,
    ...Object.fromEntries(NUMBER_FIELDS.map((k) => [k, secNumber(r[k])])),
    footnoteIds: Object.fromEntries(Object.entries(r.footnoteIds).map(([k, v]) => [k, [...v].sort()])),
    kind: r.kind,
  };
}

function samples(): Map<string, OwnershipFiling> {
  const out = new Map<string, OwnershipFiling>();
  for (const kind of ['form3', 'form4', 'form4a', 'form5']) {
    for (const file of readdirSync(path.join(SAMPLES_DIR, kind))) {
      const accession = /(\d{10}-\d{2}-\d{6})\.xml$/.exec(file)?.[1];
      const parsed = parseFiling(readFileSync(path.join(SAMPLES_DIR, kind, file)), {
        accessionNumber: accession,
      });
      if (accession && parsed.ok) {
        out.set(accession, parsed.filing);
      }
    }
  }
  return out;
}

/** The real table's header and its lines for the given accessions. */
function realTable(file: string, accessions: ReadonlySet<string>): string {
  const [header, ...lines] = readFileSync(path.join(SAMPLES_DIR, 'sec-datasets', file), 'utf8').split(
    /\r?\n/,
  );
  return [header, ...lines.filter((l) => accessions.has(l.split('\t')[0] ?? ''))].join('\n') + '\n';
}

const describeWithSamples = HAVE_SAMPLES ? describe : describe.skip;

describeWithSamples(
  `data-set path and XML path agree on real SEC data${HAVE_SAMPLES ? '' : ' (skipped: ../shared/edgar-samples is absent)'}`,
  () => {
    it('gives the same rows for every filing present both as XML and in a real data-set table', async () => {
      const xml = samples();
      const inTables = new Set<string>();
      for (const table of Object.keys(REAL_TABLES)) {
        for (const line of readFileSync(
          path.join(SAMPLES_DIR, 'sec-datasets', `2024q4_${table}.oracle-A.tsv`),
          'utf8',
        ).split('\n')) {
          const accession = line.split('\t')[0] ?? '';
          if (xml.has(accession)) {
            inTables.add(accession);
          }
        }
      }
      expect(inTables.size).toBeGreaterThanOrEqual(5);
      const writer = createTableWriter();
      for (const accession of inTables) {
        writer.add(xml.get(accession)!);
      }
      const written = writer.tsv();
      const zip = await buildDatasetZip({
        SUBMISSION: written.SUBMISSION,
        REPORTINGOWNER: written.REPORTINGOWNER,
        NONDERIV_TRANS: written.NONDERIV_TRANS,
        FOOTNOTES: written.FOOTNOTES,
        ...Object.fromEntries(
          Object.keys(REAL_TABLES).map((t) => [t, realTable(`2024q4_${t}.oracle-A.tsv`, inTables)]),
        ),
        OWNER_SIGNATURE: realTable('2024q4_OWNER_SIGNATURE.oracle-A.tsv', inTables),
      });
      const tables = await readZipTables({ buffer: zip }, '2024q4');
      let compared = 0;
      for (const accession of inTables) {
        const fromXml = xml.get(accession)!;
        const outcome = datasetFiling(tables, accession, { quarter: '2024q4', source: 'samples' });
        if (!outcome.ok) {
          throw new Error(outcome.error.message);
        }
        for (const [table, rowType] of Object.values(REAL_TABLES)) {
          const pick = (f: OwnershipFiling) =>
            f.rows.filter((r) => r.table === table && r.rowType === rowType).map(comparable);
          expect([accession, table, rowType, pick(outcome.filing)]).toEqual([
            accession,
            table,
            rowType,
            pick(fromXml),
          ]);
          compared += pick(fromXml).length;
        }
        expect(outcome.filing.signatures).toEqual(fromXml.signatures);
      }
      expect(compared).toBeGreaterThanOrEqual(25);
    });
  },
);
