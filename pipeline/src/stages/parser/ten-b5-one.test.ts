import { decideTenB5One, statesTenB5One } from './ten-b5-one';

const notes = new Map([
  ['F1', 'Sold pursuant to a Rule 10b5-1 trading plan adopted on May 1, 2021.'],
  ['F2', 'The purchase was not made pursuant to a 10b5‑1 plan.'],
  ['F3', 'Weighted average price.'],
]);
const tx = (...ids: string[]) => ({
  rowType: 'transaction' as const,
  footnoteIds: { transactionCoding: ids },
});

describe('10b5-1', () => {
  it('recognizes the spellings and a negation in the same sentence', () => {
    expect(
      ['Rule 10b5-1(c)', 'RULE 10B5-1 PLAN', '10b-5-1', '10b5–1', 'a 10b5 - 1 plan'].map(statesTenB5One),
    ).toEqual([true, true, true, true, true]);
    expect(statesTenB5One('Not made under a Rule 10b5-1 plan.')).toBe(false);
    expect(statesTenB5One('This was not late. Sold under a Rule 10b5-1 plan.')).toBe(true);
    expect(statesTenB5One('Rule 16b-3 exempt grant.')).toBeNull();
  });

  it('lets the checkbox decide when the form has one', () => {
    expect(decideTenB5One(tx('F2'), true, notes, null)).toEqual({
      is10b5One: true,
      tenB5OneSource: 'checkbox',
    });
    expect(decideTenB5One(tx('F1'), false, notes, null)).toEqual({
      is10b5One: false,
      tenB5OneSource: 'checkbox',
    });
  });

  it('falls back to the row footnotes, then the remarks, then unknown', () => {
    expect(decideTenB5One(tx('F3', 'F1'), null, notes, null)).toEqual({
      is10b5One: true,
      tenB5OneSource: 'footnote',
    });
    expect(decideTenB5One(tx('F2'), null, notes, 'Sales under a Rule 10b5-1 plan.')).toEqual({
      is10b5One: false,
      tenB5OneSource: 'footnote',
    });
    expect(decideTenB5One(tx('F3'), null, notes, 'Sales under a Rule 10b5-1 plan.')).toEqual({
      is10b5One: true,
      tenB5OneSource: 'remarks',
    });
    expect(decideTenB5One(tx('F3'), null, notes, null)).toEqual({ is10b5One: null, tenB5OneSource: null });
  });

  it('never marks a holding', () => {
    expect(decideTenB5One({ rowType: 'holding', footnoteIds: {} }, true, notes, null)).toEqual({
      is10b5One: null,
      tenB5OneSource: null,
    });
  });
});
