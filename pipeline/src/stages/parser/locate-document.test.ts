import { ParseFailure } from './errors';
import { locateOwnershipXml, rootElement } from './locate-document';
import { readSubmissionHeader } from './submission-header';

function code(view: string): string {
  try {
    locateOwnershipXml(view);
    return 'ok';
  } catch (err) {
    if (err instanceof ParseFailure) {
      return err.code;
    }
    throw err;
  }
}

const XML = '<?xml version="1.0"?>\n<ownershipDocument><documentType>4</documentType></ownershipDocument>';

describe('locateOwnershipXml', () => {
  it('takes bare XML as it is, after blank lines', () => {
    const view = `\n\n${XML}`;
    const found = locateOwnershipXml(view);
    expect(found.header).toBeNull();
    expect(view.slice(found.start, found.end)).toBe(XML);
  });

  it('finds the ownership XML among the documents of a submission', () => {
    const view =
      '<SEC-DOCUMENT>x\n<SEC-HEADER>x\nACCESSION NUMBER:\t\t0000000001-25-000001\nCONFORMED SUBMISSION TYPE:\t4\n</SEC-HEADER>\n' +
      '<DOCUMENT>\n<TYPE>EX-99\n<TEXT>\n<XML>\n<other/>\n</XML>\n</TEXT>\n</DOCUMENT>\n' +
      `<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n${XML}\n</XML>\n</TEXT>\n</DOCUMENT>\n`;
    const found = locateOwnershipXml(view);
    expect(view.slice(found.start, found.end)).toBe(XML);
    expect(found.header?.accessionNumber).toBe('0000000001-25-000001');
  });

  it.each([
    [
      '<SEC-DOCUMENT>x\nCONFORMED SUBMISSION TYPE:\t4\n<DOCUMENT>\n<TEXT>\nplain text form\n</TEXT>',
      'NO_OWNERSHIP_XML',
    ],
    [
      '<SEC-DOCUMENT>x\nCONFORMED SUBMISSION TYPE:\tD\n<DOCUMENT>\n<XML>\n<edgarSubmission/>\n</XML>',
      'NOT_OWNERSHIP_DOCUMENT',
    ],
    ['<SUBMISSION>\n<TYPE>4<DOCUMENT><TEXT><XML><ownershipDocument>', 'TRUNCATED'],
    ['{"cik": "0000320193"}', 'NOT_OWNERSHIP_DOCUMENT'],
    ['\u0000\u0001\u0002binary', 'BAD_ENCODING'],
  ])('%j → %s', (view, expected) => expect(code(view)).toBe(expected));
});

describe('rootElement', () => {
  it('skips declaration, comments and a DOCTYPE with an internal subset', () => {
    const text = '<?xml version="1.0"?><!-- x --><!DOCTYPE a [<!ENTITY b "c">]>\n<own:ownershipDocument>';
    expect(rootElement(text, 0, text.length)).toEqual({ name: 'own:ownershipDocument', doctype: true });
  });

  it('gives up on an unterminated prolog instead of looping', () => {
    expect(rootElement('<!DOCTYPE a [ <!ENTITY', 0, 22)).toEqual({ name: null, doctype: true });
  });
});

describe('readSubmissionHeader', () => {
  it('reads the tag form of .nc and -index-headers files, values ending at the next tag', () => {
    const header = readSubmissionHeader(
      '<SUBMISSION>\n<ACCESSION-NUMBER>0001127602-25-000001<TYPE>4/A<PUBLIC-DOCUMENT-COUNT>1<PERIOD>20250212<FILING-DATE>20250213<ACCEPTANCE-DATETIME>20250213163001',
    );
    expect(header).toEqual({
      accessionNumber: '0001127602-25-000001',
      formType: '4/A',
      acceptedAt: '2025-02-13T16:30:01-05:00',
      filedDate: '2025-02-13',
      periodOfReport: '2025-02-12',
    });
  });
});
