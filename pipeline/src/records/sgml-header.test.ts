import { readSgmlHeader } from './sgml-header';

const TXT_HEADER = [
  '<SEC-DOCUMENT>0009990201-26-000004.txt : 20260415',
  '<SEC-HEADER>0009990201-26-000004.hdr.sgml : 20260415',
  '<ACCEPTANCE-DATETIME>20260415184210',
  'ACCESSION NUMBER:\t\t0009990201-26-000004',
  'CONFORMED SUBMISSION TYPE:\t4/A',
  'PUBLIC DOCUMENT COUNT:\t\t1',
  'CONFORMED PERIOD OF REPORT:\t20260413',
  'FILED AS OF DATE:\t\t20260415',
  '',
  'REPORTING-OWNER:\t',
  '',
  '\tOWNER DATA:\t',
  '\t\tCOMPANY CONFORMED NAME:\t\t\tHarborview Capital Management LLC',
  '\t\tCENTRAL INDEX KEY:\t\t\t0009990201',
  '',
  '\tFILING VALUES:',
  '\t\tFORM TYPE:\t\t4/A',
  '',
  'REPORTING-OWNER:\t',
  '',
  '\tOWNER DATA:\t',
  '\t\tCOMPANY CONFORMED NAME:\t\t\tEllis Marcus T',
  '\t\tCENTRAL INDEX KEY:\t\t\t9990203',
  '',
  'ISSUER:\t\t',
  '',
  '\tCOMPANY DATA:\t',
  '\t\tCOMPANY CONFORMED NAME:\t\t\tBOREALIS BIOWORKS CORP',
  '\t\tCENTRAL INDEX KEY:\t\t\t0009990002',
  '',
  '\tFORMER COMPANY:\t',
  '\t\tFORMER CONFORMED NAME:\tBOREALIS LABS INC',
  '\t\tDATE OF NAME CHANGE:\t20190101',
  '</SEC-HEADER>',
].join('\n');

describe('readSgmlHeader', () => {
  it('reads the labeled header of a .txt full submission, entities included', () => {
    expect(readSgmlHeader(TXT_HEADER)).toEqual({
      accessionNumber: '0009990201-26-000004',
      formType: '4/A',
      acceptanceDateTime: '20260415184210',
      filedAsOf: '20260415',
      periodOfReport: '20260413',
      reportingOwners: [
        { cik: '0009990201', name: 'Harborview Capital Management LLC' },
        { cik: '0009990203', name: 'Ellis Marcus T' },
      ],
      issuer: { cik: '0009990002', name: 'BOREALIS BIOWORKS CORP' },
      filers: [],
    });
  });

  it('reads the tag form of a .nc file on one line, values ending at the next tag', () => {
    const nc =
      '<SUBMISSION>\n<ACCESSION-NUMBER>0009995001-26-000210<TYPE>4<PUBLIC-DOCUMENT-COUNT>1<PERIOD>20260602' +
      '<FILING-DATE>20260603<REPORTING-OWNER><OWNER-DATA><CONFORMED-NAME>Doe Jane Q<CIK>0009991001' +
      '<ORGANIZATION-NAME></OWNER-DATA><FILING-VALUES><FORM-TYPE>4<ACT>34</FILING-VALUES></REPORTING-OWNER>' +
      '<ISSUER><COMPANY-DATA><CONFORMED-NAME>Acme Robotics Inc<CIK>0009990001<ASSIGNED-SIC>3569</COMPANY-DATA>' +
      '<FORMER-COMPANY><FORMER-CONFORMED-NAME>ACME TOOLS INC<DATE-CHANGED>20100101</FORMER-COMPANY></ISSUER>';
    expect(readSgmlHeader(nc)).toEqual({
      accessionNumber: '0009995001-26-000210',
      formType: '4',
      acceptanceDateTime: null,
      filedAsOf: '20260603',
      periodOfReport: '20260602',
      reportingOwners: [{ cik: '0009991001', name: 'Doe Jane Q' }],
      issuer: { cik: '0009990001', name: 'Acme Robotics Inc' },
      filers: [],
    });
  });

  it('reads -index-headers files, one tag per line, and FILER blocks', () => {
    const header = [
      '<SEC-HEADER>0009990004-26-000011.hdr.sgml : 20260410',
      '<ACCEPTANCE-DATETIME>20260410061502',
      '<ACCESSION-NUMBER>0009990004-26-000011',
      '<TYPE>424B2',
      '<FILING-DATE>20260410',
      '<FILER>',
      '<COMPANY-DATA>',
      '<CONFORMED-NAME>DUNE HARBOR FINANCIAL CORP',
      '<CIK>9990004',
      '</COMPANY-DATA>',
      '</FILER>',
      '</SEC-HEADER>',
    ].join('\n');
    expect(readSgmlHeader(header)).toMatchObject({
      accessionNumber: '0009990004-26-000011',
      formType: '424B2',
      acceptanceDateTime: '20260410061502',
      periodOfReport: null,
      reportingOwners: [],
      issuer: null,
      filers: [{ cik: '0009990004', name: 'DUNE HARBOR FINANCIAL CORP' }],
    });
  });

  it('gives null for what is missing or malformed', () => {
    expect(readSgmlHeader('ACCESSION NUMBER:\t12-34\nFILED AS OF DATE:\t2026-04-15\n')).toEqual({
      accessionNumber: null,
      formType: null,
      acceptanceDateTime: null,
      filedAsOf: null,
      periodOfReport: null,
      reportingOwners: [],
      issuer: null,
      filers: [],
    });
  });
});
