/**
 * Writes a filing as EDGAR serves it at `<accession>.txt`: the labeled `<SEC-HEADER>`, then each
 * document, its XML between `<XML>` and `</XML>`. The fake uses it for filings it was given as `.nc`
 * dissemination files, which EDGAR's archive never serves as such.
 */
import type { HeaderEntity } from '../../pipeline/src/records/sgml-header';

const T = '\t';

export interface WrittenDocument {
  type: string;
  sequence: string;
  filename: string;
  description: string;
  xml: boolean;
  body: string;
}

export interface WrittenFiling {
  accessionNumber: string;
  formType: string;
  periodOfReport: string | null;
  filedAsOf: string;
  acceptanceDateTime: string;
  reportingOwners: HeaderEntity[];
  issuer: HeaderEntity | null;
  filers: HeaderEntity[];
  documents: WrittenDocument[];
}

function entityBlock(label: string, data: string, e: HeaderEntity, formType: string): string[] {
  return [
    `${label}:${T}`,
    '',
    `${T}${data}:${T}`,
    `${T}${T}COMPANY CONFORMED NAME:${T}${T}${T}${e.name}`,
    `${T}${T}CENTRAL INDEX KEY:${T}${T}${T}${e.cik}`,
    '',
    `${T}FILING VALUES:`,
    `${T}${T}FORM TYPE:${T}${T}${formType}`,
    '',
  ];
}

function documentText(d: WrittenDocument): string[] {
  const body = d.xml ? `<XML>\n${d.body.endsWith('\n') ? d.body : `${d.body}\n`}</XML>\n` : d.body;
  return [
    '<DOCUMENT>',
    `<TYPE>${d.type}`,
    `<SEQUENCE>${d.sequence}`,
    `<FILENAME>${d.filename}`,
    ...(d.description ? [`<DESCRIPTION>${d.description}`] : []),
    `<TEXT>\n${body}</TEXT>`,
    '</DOCUMENT>',
  ];
}

export function renderFullSubmission(s: WrittenFiling): string {
  const filed = s.filedAsOf;
  return [
    `<SEC-DOCUMENT>${s.accessionNumber}.txt : ${filed}`,
    `<SEC-HEADER>${s.accessionNumber}.hdr.sgml : ${filed}`,
    `<ACCEPTANCE-DATETIME>${s.acceptanceDateTime}`,
    `ACCESSION NUMBER:${T}${T}${s.accessionNumber}`,
    `CONFORMED SUBMISSION TYPE:${T}${s.formType}`,
    `PUBLIC DOCUMENT COUNT:${T}${T}${s.documents.length}`,
    ...(s.periodOfReport ? [`CONFORMED PERIOD OF REPORT:${T}${s.periodOfReport}`] : []),
    `FILED AS OF DATE:${T}${T}${filed}`,
    `DATE AS OF CHANGE:${T}${T}${filed}`,
    '',
    ...s.reportingOwners.flatMap((o) => entityBlock('REPORTING-OWNER', 'OWNER DATA', o, s.formType)),
    ...(s.issuer ? entityBlock('ISSUER', 'COMPANY DATA', s.issuer, s.formType) : []),
    ...s.filers.flatMap((f) => entityBlock('FILER', 'COMPANY DATA', f, s.formType)),
    '</SEC-HEADER>',
    ...s.documents.flatMap(documentText),
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}
