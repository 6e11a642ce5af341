import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildDatasetZip } from '../../../../devtools/datasets/build-zip';
import { createTableWriter, secNumber } from '../../../../devtools/datasets/write-tables';
import { FIXTURES_DIR } from '../../../../devtools/fake-edgar';
import type { OwnershipFiling, OwnershipRow } from '../parser/model';
import { parseFiling } from '../parser/parse-filing';
import { quarterFilings } from './dataset-filing';
import type { DatasetOutcome } from './dataset-filing';
import { DatasetError } from './dataset-error';
import { readZipTables } from './zip-tables';

const OPTS = { quarter: '2025q2', source: 'test.zip' };

/** A hand-written quarter in the SEC's spelling: one Form 4 with a sale, a gift and a holding. */
const TABLES: Record<string, string> = {
  SUBMISSION: [
    'ACCESSION_NUMBER\tFILING_DATE\tPERIOD_OF_REPORT\tDATE_OF_ORIG_SUB\tNO_SECURITIES_OWNED\tNOT_SUBJECT_SEC16\tFORM3_HOLDINGS_REPORTED\tFORM4_TRANS_REPORTED\tDOCUMENT_TYPE\tISSUERCIK\tISSUERNAME\tISSUERTRADINGSYMBOL\tREMARKS\tAFF10B5ONE',
    '0009990001-25-000001\t30-JUN-2025\t26-JUN-2025\t\t\t0\t\t\t4\t999001\tAcme Widgets Inc\tacme, acmeb\tSales  under a  plan\t1',
  ].join('\n'),
  REPORTINGOWNER: [
    'ACCESSION_NUMBER\tRPTOWNERCIK\tRPTOWNERNAME\tRPTOWNER_RELATIONSHIP\tRPTOWNER_TITLE\tRPTOWNER_TXT',
    '0009990001-25-000001\t0000999101\tDoe Jane\tDirector,Officer\tChief Executive Officer\t',
    '0009990001-25-000001\t999102\tDoe Family Trust\tTenPercentOwner\t\t',
  ].join('\n'),
  NONDERIV_TRANS: [
    'ACCESSION_NUMBER\tNONDERIV_TRANS_SK\tSECURITY_TITLE\tSECURITY_TITLE_FN\tTRANS_DATE\tTRANS_DATE_FN\tDEEMED_EXECUTION_DATE\tDEEMED_EXECUTION_DATE_FN\tTRANS_FORM_TYPE\tTRANS_CODE\tEQUITY_SWAP_INVOLVED\tEQUITY_SWAP_TRANS_CD_FN\tTRANS_TIMELINESS\tTRANS_TIMELINESS_FN\tTRANS_SHARES\tTRANS_SHARES_FN\tTRANS_PRICEPERSHARE\tTRANS_PRICEPERSHARE_FN\tTRANS_ACQUIRED_DISP_CD\tTRANS_ACQUIRED_DISP_CD_FN\tSHRS_OWND_FOLWNG_TRANS\tSHRS_OWND_FOLWNG_TRANS_FN\tVALU_OWND_FOLWNG_TRANS\tVALU_OWND_FOLWNG_TRANS_FN\tDIRECT_INDIRECT_OWNERSHIP\tDIRECT_INDIRECT_OWNERSHIP_FN\tNATURE_OF_OWNERSHIP\tNATURE_OF_OWNERSHIP_FN',
    // SK order, not file order, is document order.
    '0009990001-25-000001\t7466216\tCommon Stock\t\t30-JUN-2025\t\t\t\t4\tg\t0\t\t\t\t999.0\tF3\t0.0\t\tD\t\t12896.0\t\t\t\tD\t\t\t',
    '0009990001-25-000001\t7466214\tCommon Stock\t\t26-JUN-2025\t\t\t\t4\tS\t0\t\t\t\t3456.0\t\t201.79\tF2, F1\tD\t\t14895.0\t\t\t\tD\t\t\t',
  ].join('\n'),
  NONDERIV_HOLDING: [
    'ACCESSION_NUMBER\tNONDERIV_HOLDING_SK\tSECURITY_TITLE\tSECURITY_TITLE_FN\tTRANS_FORM_TYPE\tTRANS_FORM_TYPE_FN\tSHRS_OWND_FOLWNG_TRANS\tSHRS_OWND_FOLWNG_TRANS_FN\tVALU_OWND_FOLWNG_TRANS\tVALU_OWND_FOLWNG_TRANS_FN\tDIRECT_INDIRECT_OWNERSHIP\tDIRECT_INDIRECT_OWNERSHIP_FN\tNATURE_OF_OWNERSHIP\tNATURE_OF_OWNERSHIP_FN',
    '0009990001-25-000001\t2397683\tCommon Stock\t\t\t\t649.0\t\t\t\tI\t\tBy Trust\tF4',
  ].join('\n'),
  DERIV_TRANS: 'ACCESSION_NUMBER\tDERIV_TRANS_SK\tSECURITY_TITLE',
  DERIV_HOLDING: 'ACCESSION_NUMBER\tDERIV_HOLDING_SK\tSECURITY_TITLE',
  FOOTNOTES: [
    'ACCESSION_NUMBER\tFOOTNOTE_ID\tFOOTNOTE_TXT',
    '0009990001-25-000001\tF1\tWeighted average price; prices ranged from $201.50 to $202.10.',
    '0009990001-25-000001\tF2\tSold under a Rule 10b5-1 trading plan adopted March 1, 2025.',
    '0009990001-25-000001\tF3\tGift to a charity.',
    '0009990001-25-000001\tF4\tHeld by the Doe Family Trust.',
  ].join('\n'),
  OWNER_SIGNATURE: [
    'ACCESSION_NUMBER\tOWNERSIGNATURENAME\tOWNERSIGNATUREDATE',
    '0009990001-25-000001\t/s/ Jane Doe\t30-JUN-2025',
  ].join('\n'),
};

async function read(tables: Record<string, string | Buffer>): Promise<DatasetOutcome[]> {
  return [...quarterFilings(await readZipTables({ buffer: await buildDatasetZip(tables) }, '2025q2'), OPTS)];
}

function only(outcomes: DatasetOutcome[]): OwnershipFiling {
  expect(outcomes).toHaveLength(1);
  const [o] = outcomes;
  if (!o?.ok) {
    throw new Error(`expected a filing, got ${JSON.stringify(o)}`);
  }
  return o.filing;
}

async function failure(promise: Promise<unknown>): Promise<DatasetError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatasetError);
  return err as DatasetError;
}

describe('data-set reader: a quarter zip → normalized filings', () => {
  it('joins the tables of an accession into the filing the parser would produce', async () => {
    const f = only(await read(TABLES));
    expect(f).toMatchObject({
      accessionNumber: '0009990001-25-000001',
      provenance: 'dataset:2025q2',
      source: 'test.zip',
      documentType: '4',
      periodOfReport: '2025-06-26',
      filedDate: '2025-06-30',
      acceptedAt: null,
      issuer: { cik: '0000999001', name: 'Acme Widgets Inc', ticker: 'ACME', rawTicker: 'acme, acmeb' },
      aff10b5One: true,
      notSubjectToSection16: false,
      remarks: 'Sales under a plan',
      signatures: [{ name: '/s/ Jane Doe', date: '2025-06-30' }],
    });
    expect(f.reportingOwners).toEqual([
      expect.objectContaining({
        cik: '0000999101',
        isDirector: true,
        isOfficer: true,
        isTenPercentOwner: false,
      }),
      expect.objectContaining({ cik: '0000999102', isDirector: false, isTenPercentOwner: true }),
    ]);
    expect(f.footnotes.map((n) => n.id)).toEqual(['F1', 'F2', 'F3', 'F4']);
    const [sale, gift, holding] = f.rows as [OwnershipRow, OwnershipRow, OwnershipRow];
    expect(f.rows.map((r) => [r.position, r.table, r.rowType, r.code])).toEqual([
      [0, 'nonDerivative', 'transaction', 'S'],
      [1, 'nonDerivative', 'transaction', 'G'],
      [2, 'nonDerivative', 'holding', null],
    ]);
    expect(sale).toMatchObject({
      transactionDate: '2025-06-26',
      shares: '3456',
      pricePerShare: '201.79',
      value: '697386.24',
      acquiredDisposed: 'D',
      sharesOwnedFollowing: '14895',
      kind: 'open_market_sale',
      is10b5One: true,
      priceRange: { low: '201.50', high: '202.10', footnoteId: 'F1' },
      footnoteIds: { transactionPricePerShare: ['F2', 'F1'] },
    });
    expect(sale.flags).toContain('rounded');
    expect(gift).toMatchObject({ kind: 'gift', shares: '999', pricePerShare: '0' });
    expect(holding).toMatchObject({
      kind: 'holding',
      sharesOwnedFollowing: '649',
      directOrIndirect: 'I',
      natureOfOwnership: 'By Trust',
      footnoteIds: { natureOfOwnership: ['F4'] },
    });
  });

  it('gives the same rows as the XML parser for every fake-EDGAR fixture, within 2-decimal rounding', async () => {
    const parsed = readdirSync(FIXTURES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => parseFiling(readFileSync(path.join(FIXTURES_DIR, f))))
      .flatMap((o) => (o.ok ? [o.filing] : []));
    expect(parsed.length).toBeGreaterThan(5);
    const writer = createTableWriter();
    parsed.forEach((f) => writer.add(f));
    const outcomes = await read(writer.tsv());
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const byAccession = new Map(
      outcomes.flatMap((o) => (o.ok ? [[o.filing.accessionNumber, o.filing]] : [])),
    );
    const view = (r: OwnershipRow) => ({
      ...r,
      flags: r.flags.filter((x) => x !== 'rounded'),
      ...Object.fromEntries(
        (
          ['shares', 'pricePerShare', 'totalValue', 'sharesOwnedFollowing', 'valueOwnedFollowing'] as const
        ).map((k) => [k, secNumber(r[k])]),
      ),
      value: r.value === null ? null : Number(r.value).toFixed(0),
      conversionOrExercisePrice: secNumber(r.conversionOrExercisePrice),
      underlyingSecurityShares: secNumber(r.underlyingSecurityShares),
      underlyingSecurityValue: secNumber(r.underlyingSecurityValue),
      tradeKey: '',
      priceRange: r.priceRange,
    });
    let rows = 0;
    for (const xml of parsed) {
      const ds = byAccession.get(xml.accessionNumber)!;
      expect(ds.issuer).toEqual(xml.issuer);
      expect(ds.reportingOwners).toEqual(xml.reportingOwners);
      expect(ds.footnotes).toEqual(xml.footnotes);
      const ordered = [...xml.rows].sort(
        (a, b) => (a.table === b.table ? 0 : a.table === 'nonDerivative' ? -1 : 1) || a.position - b.position,
      );
      // Values may differ by rounding (and a value from rounded factors by a few dollars at most).
      for (const [i, x] of ordered.entries()) {
        const d = ds.rows[i]!;
        expect({ ...view(d), position: 0, value: null, kindReason: '' }).toEqual({
          ...view(x),
          position: 0,
          value: null,
          kindReason: '',
          totalValue: x.table === 'nonDerivative' ? '' : view(x).totalValue,
        });
        rows++;
      }
    }
    expect(rows).toBeGreaterThan(20);
  });

  it('reports a filing it cannot read and keeps the others', async () => {
    const bad = TABLES.SUBMISSION!.replace('26-JUN-2025', '31-FEB-2025');
    const twoFilings = `${TABLES.SUBMISSION}\n${bad.split('\n')[1]!.replace('000001', '000002')}`;
    const owners = `${TABLES.REPORTINGOWNER}\n0009990001-25-000002\t999101\tDoe Jane\tDirector\t\t`;
    const orphan = `${TABLES.FOOTNOTES}\n0009990001-25-000099\tF1\tA footnote of no filing`;
    const outcomes = await read({
      ...TABLES,
      SUBMISSION: twoFilings,
      REPORTINGOWNER: owners,
      FOOTNOTES: orphan,
    });
    expect(outcomes.map((o) => (o.ok ? 'ok' : `${o.accession} ${o.error.code}`))).toEqual([
      'ok',
      '0009990001-25-000002 INVALID_VALUE',
      '0009990001-25-000099 MISSING_FIELD',
    ]);
    const second = outcomes[1]!;
    expect(!second.ok && second.error.message).toMatch(/PERIOD_OF_REPORT.*31-FEB-2025|2025-02-31/);
  });

  it('fails the quarter clearly on a corrupt zip, a truncated zip, a missing table, an unknown or missing column', async () => {
    const zip = await buildDatasetZip(TABLES);
    expect(
      (await failure(readZipTables({ buffer: Buffer.from('not a zip at all') }, '2025q2'))).message,
    ).toMatch(/^2025q2: not a readable zip/);
    const truncated = await failure(readZipTables({ buffer: zip.subarray(0, zip.length - 40) }, '2025q2'));
    expect(truncated.datasetCode).toBe('CORRUPT_ZIP');
    const { DERIV_HOLDING: _dropped, ...seven } = TABLES;
    const missing = await failure(read(seven));
    expect([missing.datasetCode, missing.message]).toEqual([
      'MISSING_TABLE',
      '2025q2: table(s) DERIV_HOLDING missing from the zip',
    ]);
    const unknown = await failure(
      read({
        ...TABLES,
        FOOTNOTES: TABLES.FOOTNOTES!.replace('FOOTNOTE_TXT', 'FOOTNOTE_TXT\tFOOTNOTE_LANG'),
      }),
    );
    expect([unknown.datasetCode, unknown.message]).toEqual([
      'UNKNOWN_COLUMN',
      expect.stringMatching(/^2025q2: FOOTNOTES: unknown column "FOOTNOTE_LANG" \(column 4\)/),
    ]);
    const noKey = await failure(read({ ...TABLES, DERIV_TRANS: 'ACCESSION_NUMBER\tSECURITY_TITLE' }));
    expect(noKey.message).toBe('2025q2: DERIV_TRANS: required column(s) DERIV_TRANS_SK missing');
  });

  it('flips bytes inside a deflated table: the quarter fails, it is not read as fewer rows', async () => {
    const zip = Buffer.from(await buildDatasetZip(TABLES));
    const at = zip.indexOf(Buffer.from('NONDERIV_TRANS.tsv')) + 40;
    for (let i = at; i < at + 24; i++) {
      zip[i] = zip[i]! ^ 0xff;
    }
    expect((await failure(readZipTables({ buffer: zip }, '2025q2'))).datasetCode).toMatch(
      /CORRUPT_ZIP|UNKNOWN_COLUMN|MISSING_COLUMN/,
    );
  });
});
