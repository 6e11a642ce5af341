import { groupIndexRows, parseIndexFile } from './daily-index';

const FORM_HEADER = [
  'Description:           Daily Index of EDGAR Dissemination Feed by Form Type',
  'Last Data Received:    Mar 11, 2026',
  'Comments:              webmaster@sec.gov',
  'Anonymous FTP:         ftp://ftp.sec.gov/edgar/',
  ' ',
  ' ',
  'Form Type   Company Name                                                  CIK         Date Filed  File Name',
  '-'.repeat(141),
];

const fixed = (form: string, name: string, cik: string, date: string, file: string): string =>
  (form.length >= 12 ? form + ' ' : form.padEnd(12)) +
  (name.length >= 62 ? name + '  ' : name.padEnd(62)) +
  cik.padEnd(12) +
  date.padEnd(12) +
  file;

describe('parseIndexFile: fixed width (form.idx)', () => {
  it('reads rows, including names with backslashes and multi-word form types, with trailing spaces', () => {
    const text = [
      ...FORM_HEADER,
      fixed(
        '4',
        'UNIVERSAL WIDGETS CORP \\PA\\',
        '1005284',
        '20260311',
        'edgar/data/1005284/0001005284-26-000002.txt',
      ) + '         ',
      fixed(
        'SC 13G/A',
        'Acme Robotics Inc',
        '9990001',
        '20260311',
        'edgar/data/9990001/0001193125-26-000111.txt',
      ),
      '',
    ].join('\n');
    const { rows, problems } = parseIndexFile(text, { indexDate: '2026-03-11' });
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        formType: '4',
        companyName: 'UNIVERSAL WIDGETS CORP \\PA\\',
        cik: '0001005284',
        dateFiled: '2026-03-11',
        accessionNumber: '0001005284-26-000002',
        fileName: 'edgar/data/1005284/0001005284-26-000002.txt',
      },
      expect.objectContaining({ formType: 'SC 13G/A', companyName: 'Acme Robotics Inc', cik: '0009990001' }),
    ]);
  });

  it('copes with a long name pushing the later columns right', () => {
    const longName = 'HARBORVIEW CAPITAL PARTNERS MASTER FUND II OPPORTUNISTIC CREDIT LP';
    const text = [
      ...FORM_HEADER,
      fixed('4', longName, '9990202', '20260311', 'edgar/data/9990202/0009990201-26-000004.txt'),
      fixed('10-K', 'SHORT NAME INC', '1', '20260311', 'edgar/data/1/0000000001-26-000001.txt'),
    ].join('\n');
    const { rows, problems } = parseIndexFile(text);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.formType, r.companyName, r.cik])).toEqual([
      ['4', longName, '0009990202'],
      ['10-K', 'SHORT NAME INC', '0000000001'],
    ]);
  });

  it('follows a header whose Form Type column is wider than usual', () => {
    const text = [
      'Form Type        Company Name                                                  CIK         Date Filed  File Name',
      '-'.repeat(150),
      'SCHEDULE 13D/A   325 CAPITAL LLC                                               1873893     20260311    edgar/data/1873893/0000921895-26-001237.txt',
      '4                1ST FRANKLIN FINANCIAL CORP                                   38723       20260311    edgar/data/38723/0000038723-26-000049.txt',
    ].join('\n');
    const { rows, problems } = parseIndexFile(text);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.formType, r.companyName])).toEqual([
      ['SCHEDULE 13D/A', '325 CAPITAL LLC'],
      ['4', '1ST FRANKLIN FINANCIAL CORP'],
    ]);
  });

  it('reads quarterly dates (YYYY-MM-DD) and reports rows dated before the index date', () => {
    const text = [
      ...FORM_HEADER,
      fixed('4', 'A CORP', '1', '2026-03-10', 'edgar/data/1/0000000001-26-000001.txt'),
      fixed('4', 'B CORP', '2', '20260311', 'edgar/data/2/0000000002-26-000001.txt'),
    ].join('\n');
    const { rows, problems } = parseIndexFile(text, { indexDate: '2026-03-11' });
    expect(rows.map((r) => r.dateFiled)).toEqual(['2026-03-10', '2026-03-11']);
    expect(problems).toEqual([
      { line: 9, reason: 'dated_before_index', text: expect.stringContaining('A CORP') as string },
    ]);
  });

  it('reports lines it cannot read, with their line numbers, and goes on', () => {
    const text = [
      ...FORM_HEADER,
      'this line is garbage',
      fixed('4', 'A CORP', '1', '20260311', 'edgar/data/1/not-an-accession.txt'),
      fixed('4', 'B CORP', '2', '20260311', 'edgar/data/2/0000000002-26-000001.txt'),
    ].join('\n');
    const { rows, problems } = parseIndexFile(text);
    expect(rows).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([9, 10]);
  });

  it('reads a company-first index whose header wraps onto a second line', () => {
    const text = [
      'Description:           Daily Index of EDGAR Dissemination Feed by Company Name',
      ' ',
      'Company Name                                                  Form Type   CIK',
      '      Date Filed  File Name',
      '-'.repeat(145),
      'A-Mark Precious Metals, Inc.                                  4           1591588     20260311    edgar/data/1591588/0001209191-26-040440.txt         ',
      'AB BOND FUND, INC.                                            497K        3794        20260311    edgar/data/3794/0001193125-26-180680.txt',
    ].join('\n');
    const { rows, problems } = parseIndexFile(text);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.companyName, r.formType, r.cik])).toEqual([
      ['A-Mark Precious Metals, Inc.', '4', '0001591588'],
      ['AB BOND FUND, INC.', '497K', '0000003794'],
    ]);
  });

  it('reports a file without the dashed header line', () => {
    expect(parseIndexFile('<html>oops</html>').problems[0]!.reason).toBe('no_header');
  });
});

describe('parseIndexFile: master.idx', () => {
  const text = [
    'Description:           Daily Index of EDGAR Dissemination Feed',
    'Last Data Received:    Mar 11, 2026',
    ' ',
    'CIK|Company Name|Form Type|Date Filed|File Name',
    '-'.repeat(80),
    '1005284|UNIVERSAL WIDGETS CORP \\PA\\|4|20260311|edgar/data/1005284/0001005284-26-000002.txt',
    '1006415|HARTWELL FUNDS TRUST|CORRESP|20251004|edgar/data/1006415/0001144204-25-047413.txt',
    '1009874|MANDEL DAVID|4/A|20260311|edgar/data/1009874/0001009874-26-000003.txt',
    '1009875|BROKEN|4|20260311',
    '1009876|PAPER FILER|4|20260311|edgar/data/1009876/9999999997-26-000001.txt',
  ].join('\n');

  it('splits on pipes and keeps backslashes in names', () => {
    const { rows, problems } = parseIndexFile(text, { indexDate: '2026-03-11' });
    expect(rows.map((r) => [r.cik, r.companyName, r.formType, r.dateFiled])).toEqual([
      ['0001005284', 'UNIVERSAL WIDGETS CORP \\PA\\', '4', '2026-03-11'],
      ['0001006415', 'HARTWELL FUNDS TRUST', 'CORRESP', '2025-10-04'],
      ['0001009874', 'MANDEL DAVID', '4/A', '2026-03-11'],
      ['0001009876', 'PAPER FILER', '4', '2026-03-11'],
    ]);
    expect(problems.map((p) => p.reason)).toEqual(['dated_before_index', 'expected 5 fields, got 4']);
  });

  it('groups the rows of one filing and sets paper filings apart', () => {
    const { rows } = parseIndexFile(
      text + '\n1005300|UNIVERSAL OWNER|4|20260311|edgar/data/1005300/0001005284-26-000002.txt',
    );
    const { filings, paper } = groupIndexRows(rows);
    expect(filings.find((f) => f.accessionNumber === '0001005284-26-000002')!.ciks).toEqual([
      '0001005284',
      '0001005300',
    ]);
    expect(paper.map((p) => p.accessionNumber)).toEqual(['9999999997-26-000001']);
  });
});
