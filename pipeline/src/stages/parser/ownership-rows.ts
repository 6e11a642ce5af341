/**
 * The rows of both tables as filed. Transactions and holdings may interleave inside a table and
 * the derivative table may even come first; rows are numbered in document order regardless,
 * because that order (the `position`) is part of a row's identity.
 */
import { fail } from './errors';
import type { FiledRow, RowTable, RowType } from './model';
import { toBoolean, toDecimal, toIsoDate } from './values';
import { child, childField, footnoteIdsUnder, ownText } from './xml-access';
import type { XmlElement } from './xml-reader';

const ROW_ELEMENTS: Record<string, [RowTable, RowType] | undefined> = {
  nonDerivativeTransaction: ['nonDerivative', 'transaction'],
  nonDerivativeHolding: ['nonDerivative', 'holding'],
  derivativeTransaction: ['derivative', 'transaction'],
  derivativeHolding: ['derivative', 'holding'],
};

export function readRows(root: XmlElement): FiledRow[] {
  const rows: FiledRow[] = [];
  for (const table of root.children) {
    if (table.name !== 'nonDerivativeTable' && table.name !== 'derivativeTable') {
      continue;
    }
    for (const el of table.children) {
      const shape = Object.prototype.hasOwnProperty.call(ROW_ELEMENTS, el.name)
        ? ROW_ELEMENTS[el.name]
        : undefined;
      if (shape !== undefined) {
        rows.push(readRow(el, shape[0], shape[1], rows.length));
      }
    }
  }
  return rows;
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[], field: string): T | null {
  if (raw === null) {
    return null;
  }
  const upper = raw.toUpperCase();
  return (allowed as readonly string[]).includes(upper)
    ? (upper as T)
    : fail('INVALID_VALUE', `${field}: "${raw.slice(0, 20)}" is not one of ${allowed.join('/')}`);
}

function readRow(el: XmlElement, table: RowTable, rowType: RowType, position: number): FiledRow {
  const at = (field: string) => `${el.name} #${position} ${field}`;
  const coding = child(el, 'transactionCoding');
  const amounts = child(el, 'transactionAmounts');
  const post = child(el, 'postTransactionAmounts');
  const nature = child(el, 'ownershipNature');
  const underlying = child(el, 'underlyingSecurity');
  const code = ownText(child(coding, 'transactionCode'));
  return {
    position,
    table,
    rowType,
    securityTitle: childField(el, 'securityTitle'),
    transactionDate: toIsoDate(childField(el, 'transactionDate'), at('transactionDate')),
    deemedExecutionDate: toIsoDate(childField(el, 'deemedExecutionDate'), at('deemedExecutionDate')),
    transactionFormType: childField(coding, 'transactionFormType'),
    code: code === null ? null : code.toUpperCase(),
    equitySwapInvolved: toBoolean(childField(coding, 'equitySwapInvolved'), at('equitySwapInvolved')),
    timeliness: childField(el, 'transactionTimeliness'),
    shares: toDecimal(childField(amounts, 'transactionShares'), at('transactionShares')),
    pricePerShare: toDecimal(childField(amounts, 'transactionPricePerShare'), at('transactionPricePerShare')),
    totalValue: toDecimal(childField(amounts, 'transactionTotalValue'), at('transactionTotalValue')),
    acquiredDisposed: oneOf(
      childField(amounts, 'transactionAcquiredDisposedCode'),
      ['A', 'D'],
      at('acquiredDisposed'),
    ),
    sharesOwnedFollowing: toDecimal(
      childField(post, 'sharesOwnedFollowingTransaction'),
      at('sharesOwnedFollowingTransaction'),
    ),
    valueOwnedFollowing: toDecimal(
      childField(post, 'valueOwnedFollowingTransaction'),
      at('valueOwnedFollowingTransaction'),
    ),
    directOrIndirect: oneOf(
      childField(nature, 'directOrIndirectOwnership'),
      ['D', 'I'],
      at('directOrIndirectOwnership'),
    ),
    natureOfOwnership: childField(nature, 'natureOfOwnership'),
    conversionOrExercisePrice: toDecimal(
      childField(el, 'conversionOrExercisePrice'),
      at('conversionOrExercisePrice'),
    ),
    exerciseDate: toIsoDate(childField(el, 'exerciseDate'), at('exerciseDate')),
    expirationDate: toIsoDate(childField(el, 'expirationDate'), at('expirationDate')),
    underlyingSecurityTitle: childField(underlying, 'underlyingSecurityTitle'),
    underlyingSecurityShares: toDecimal(
      childField(underlying, 'underlyingSecurityShares'),
      at('underlyingSecurityShares'),
    ),
    underlyingSecurityValue: toDecimal(
      childField(underlying, 'underlyingSecurityValue'),
      at('underlyingSecurityValue'),
    ),
    footnoteIds: footnoteIdsUnder(el),
  };
}
