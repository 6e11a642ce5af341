import { columnarRows, parseCompanyTickers, parseSubmissionsJson } from './submissions-json';

describe('parseSubmissionsJson', () => {
  const json = {
    cik: '320193',
    name: 'Example Inc.',
    tickers: ['EXMP'],
    filings: {
      recent: {
        accessionNumber: ['0001059235-26-000004', 'garbage', '0000320193-26-000010'],
        filingDate: ['2026-02-26', '2026-02-25', '2026-02-20'],
        acceptanceDateTime: ['2026-02-26T18:34:19.000Z', '', '2026-07-20T09:00:00.000Z'],
        form: ['4', '4', '10-Q'],
        primaryDocument: ['xslF345X05/wk-form4_1.xml', 'x.xml', 'q.htm'],
      },
      files: [{ name: 'CIK0000320193-submissions-001.json', filingCount: 1206 }, { name: '../etc/passwd' }],
    },
  };

  it('pads the CIK, reads rows and names the older pages it may fetch', () => {
    const s = parseSubmissionsJson(json);
    expect(s.cik).toBe('0000320193');
    expect(s.tickers).toEqual(['EXMP']);
    expect(s.recent.map((r) => [r.accessionNumber, r.form, r.filingDate])).toEqual([
      ['0001059235-26-000004', '4', '2026-02-26'],
      ['0000320193-26-000010', '10-Q', '2026-02-20'],
    ]);
    expect(s.problems).toHaveLength(1);
    expect(s.olderPages).toEqual(['CIK0000320193-submissions-001.json']);
  });

  it('reads acceptanceDateTime as Eastern wall-clock time despite its Z', () => {
    const s = parseSubmissionsJson(json);
    expect(s.recent[0]!.acceptedAt).toBe('2026-02-26T23:34:19.000Z');
    expect(s.recent[1]!.acceptedAt).toBe('2026-07-20T13:00:00.000Z');
  });

  it('reads an older page (columns at top level) and rejects JSON without a cik', () => {
    expect(columnarRows({ accessionNumber: ['0000320193-15-000001'], form: ['4'] }).rows).toHaveLength(1);
    expect(columnarRows('nope').problems).toEqual(['no accessionNumber array']);
    expect(() => parseSubmissionsJson({})).toThrow(/cik/);
  });
});

describe('parseCompanyTickers', () => {
  it('reads entries and reports malformed ones', () => {
    const { mappings, problems } = parseCompanyTickers({
      '0': { cik_str: 320193, ticker: 'aapl', title: 'Apple Inc.' },
      '1': { cik_str: 'x', ticker: 'BAD', title: '' },
      '2': { cik_str: 1, title: 'no ticker' },
    });
    expect(mappings).toEqual([{ ticker: 'AAPL', cik: '0000320193', title: 'Apple Inc.' }]);
    expect(problems).toHaveLength(2);
  });
});
