/**
 * Rows of the four row tables → the model's filed rows. Positions follow the order an ownership
 * document almost always has: Table I transactions, Table I holdings, Table II transactions,
 * Table II holdings, each in surrogate-key order (the SEC assigns keys in document order). A
 * document that interleaves transactions and holdings gets other positions from its XML; the XML
 * version replaces the dataset version whole, so that never leaves a duplicate.
 */
import { fail } from '../parser/errors';
import type { FiledRow, RowTable, RowType } from '../parser/model';
import { toBoolean } from '../parser/values';
import { datasetDate, datasetDecimal, footnoteIdList, textOrNull } from './dataset-values';
import { field } from './table-lines';
import type { TableLines } from './table-lines';
import type { QuarterTables } from './zip-tables';

/** Data-set column → the XML element whose footnotes its `_FN` column lists (footnoteIds key). */
const FOOTNOTE_ELEMENTS: Readonly<Record<string, string>> = {
  SECURITY_TITLE: 'securityTitle',
  CONV_EXERCISE_PRICE: 'conversionOrExercisePrice',
  TRANS_DATE: 'transactionDate',
  DEEMED_EXECUTION_DATE: 'deemedExecutionDate',
  TRANS_FORM_TYPE: 'transactionFormType',
  EQUITY_SWAP_INVOLVED: 'transactionCoding',
  TRANS_TIMELINESS: 'transactionTimeliness',
  TRANS_SHARES: 'transactionShares',
  TRANS_TOTAL_VALUE: 'transactionTotalValue',
  TRANS_PRICEPERSHARE: 'transactionPricePerShare',
  TRANS_ACQUIRED_DISP_CD: 'transactionAcquiredDisposedCode',
  EXCERCISE_DATE: 'exerciseDate',
  EXERCISE_DATE: 'exerciseDate',
  EXPIRATION_DATE: 'expirationDate',
  UNDLYNG_SEC_TITLE: 'underlyingSecurityTitle',
  UNDLYNG_SEC_SHARES: 'underlyingSecurityShares',
  UNDLYNG_SEC_VALUE: 'underlyingSecurityValue',
  SHRS_OWND_FOLWNG_TRANS: 'sharesOwnedFollowingTransaction',
  VALU_OWND_FOLWNG_TRANS: 'valueOwnedFollowingTransaction',
  DIRECT_INDIRECT_OWNERSHIP: 'directOrIndirectOwnership',
  NATURE_OF_OWNERSHIP: 'natureOfOwnership',
};

const ROW_TABLES: [keyof QuarterTables, RowTable, RowType, string][] = [
  ['NONDERIV_TRANS', 'nonDerivative', 'transaction', 'NONDERIV_TRANS_SK'],
  ['NONDERIV_HOLDING', 'nonDerivative', 'holding', 'NONDERIV_HOLDING_SK'],
  ['DERIV_TRANS', 'derivative', 'transaction', 'DERIV_TRANS_SK'],
  ['DERIV_HOLDING', 'derivative', 'holding', 'DERIV_HOLDING_SK'],
];

function oneOf<T extends string>(raw: string, allowed: readonly T[], what: string): T | null {
  if (raw === '') {
    return null;
  }
  const upper = raw.toUpperCase();
  return (allowed as readonly string[]).includes(upper)
    ? (upper as T)
    : fail('INVALID_VALUE', `${what}: "${raw.slice(0, 20)}" is not one of ${allowed.join('/')}`);
}

function sortKey(raw: string): bigint {
  return /^\d+$/.test(raw) ? BigInt(raw) : 0n;
}

export function readDatasetRows(tables: QuarterTables, accession: string): FiledRow[] {
  const rows: FiledRow[] = [];
  for (const [name, table, rowType, skColumn] of ROW_TABLES) {
    const t = tables[name];
    const lines = (t.byAccession.get(accession) ?? []).map((l) => l.split('\t'));
    lines.sort((a, b) => {
      const d = sortKey(field(t, a, skColumn)) - sortKey(field(t, b, skColumn));
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
    for (const fields of lines) {
      rows.push(readRow(t, fields, table, rowType, rows.length));
    }
  }
  return rows;
}

function readRow(
  t: TableLines,
  fields: string[],
  table: RowTable,
  rowType: RowType,
  position: number,
): FiledRow {
  const at = (column: string) => `${t.table} row ${position} ${column}`;
  const get = (column: string) => field(t, fields, column);
  const num = (column: string) => datasetDecimal(get(column), at(column));
  const date = (column: string) => datasetDate(get(column), at(column));
  const footnoteIds: Record<string, string[]> = {};
  for (const [column, element] of Object.entries(FOOTNOTE_ELEMENTS)) {
    const ids = footnoteIdList(get(`${column}_FN`));
    if (ids.length > 0) {
      footnoteIds[element] = [...new Set([...(footnoteIds[element] ?? []), ...ids])];
    }
  }
  const code = get('TRANS_CODE');
  return {
    position,
    table,
    rowType,
    securityTitle: textOrNull(get('SECURITY_TITLE')),
    transactionDate: date('TRANS_DATE'),
    deemedExecutionDate: date('DEEMED_EXECUTION_DATE'),
    transactionFormType: textOrNull(get('TRANS_FORM_TYPE')),
    code: code === '' ? null : code.toUpperCase(),
    equitySwapInvolved: toBoolean(textOrNull(get('EQUITY_SWAP_INVOLVED')), at('EQUITY_SWAP_INVOLVED')),
    timeliness: textOrNull(get('TRANS_TIMELINESS')),
    shares: num('TRANS_SHARES'),
    pricePerShare: num('TRANS_PRICEPERSHARE'),
    totalValue: num('TRANS_TOTAL_VALUE'),
    acquiredDisposed: oneOf(get('TRANS_ACQUIRED_DISP_CD'), ['A', 'D'], at('TRANS_ACQUIRED_DISP_CD')),
    sharesOwnedFollowing: num('SHRS_OWND_FOLWNG_TRANS'),
    valueOwnedFollowing: num('VALU_OWND_FOLWNG_TRANS'),
    directOrIndirect: oneOf(get('DIRECT_INDIRECT_OWNERSHIP'), ['D', 'I'], at('DIRECT_INDIRECT_OWNERSHIP')),
    natureOfOwnership: textOrNull(get('NATURE_OF_OWNERSHIP')),
    conversionOrExercisePrice: num('CONV_EXERCISE_PRICE'),
    exerciseDate: date(t.columns.has('EXCERCISE_DATE') ? 'EXCERCISE_DATE' : 'EXERCISE_DATE'),
    expirationDate: date('EXPIRATION_DATE'),
    underlyingSecurityTitle: textOrNull(get('UNDLYNG_SEC_TITLE')),
    underlyingSecurityShares: num('UNDLYNG_SEC_SHARES'),
    underlyingSecurityValue: num('UNDLYNG_SEC_VALUE'),
    footnoteIds,
  };
}
