import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES_DIR } from './index';
import { SubmissionFormatError, parseSubmission } from './submission-file';

const fixture = (acc: string): Promise<string> => readFile(join(FIXTURES_DIR, `${acc}.txt`), 'latin1');

describe('parseSubmission', () => {
  it('reads header fields, every reporting owner, the issuer and the documents', async () => {
    const sub = parseSubmission(await fixture('0009990201-26-000004'));
    expect(sub.accessionNumber).toBe('0009990201-26-000004');
    expect(sub.formType).toBe('4');
    expect(sub.acceptanceDateTime).toBe('20260415184210');
    expect(sub.filedAsOf).toBe('20260415');
    expect(sub.periodOfReport).toBe('20260413');
    expect(sub.reportingOwners.map((o) => o.cik)).toEqual(['0009990202', '0009990201', '0009990203']);
    expect(sub.issuer).toEqual({ cik: '0009990002', name: 'BOREALIS BIOWORKS CORP' });
    expect(sub.tradingSymbol).toBe('BRLS');
    expect(sub.documents).toHaveLength(1);
    expect(sub.documents[0]!.body.startsWith('<?xml')).toBe(true);
  });

  it('keeps non-XML documents and FILER blocks', async () => {
    const lin = parseSubmission(await fixture('0009995001-26-000117'));
    expect(lin.documents.map((d) => [d.sequence, d.type, d.filename])).toEqual([
      ['1', '4', 'wk-form4_1773263524.xml'],
      ['2', 'EX-24', 'poa-lin.htm'],
    ]);
    expect(lin.documents[1]!.body).toContain('POWER OF ATTORNEY');
    const prospectus = parseSubmission(await fixture('0009990004-26-000011'));
    expect(prospectus.filers).toEqual([{ cik: '0009990004', name: 'DUNE HARBOR FINANCIAL CORP' }]);
    expect(prospectus.issuer).toBeNull();
    expect(prospectus.tradingSymbol).toBeNull();
  });

  it('rejects text that is not a full submission', () => {
    expect(() => parseSubmission('<html>nope</html>')).toThrow(SubmissionFormatError);
  });
});
