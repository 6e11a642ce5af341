import { diffTables } from './tables';

describe('diffTables', () => {
  it('finds nothing when both runs hold the same rows in any order', () => {
    const [d] = diffTables(new Map([['t', ['a', 'b']]]), new Map([['t', ['b', 'a']]]));
    expect(d).toEqual({ table: 't', cleanRows: 2, chaosRows: 2, lost: [], doubled: [] });
  });

  it('names rows lost and rows doubled', () => {
    const [d] = diffTables(new Map([['t', ['a', 'b', 'c']]]), new Map([['t', ['a', 'a', 'c']]]));
    expect(d?.lost).toEqual(['b']);
    expect(d?.doubled).toEqual(['a']);
  });
});
