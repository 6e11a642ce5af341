/**
 * Builds small but well-formed Form 3/4/5 full submissions, for tests that add filings at runtime
 * (live polling) and for the crawl benchmark, which needs thousands of them. The bundled demo
 * filings in fixtures/ are written by hand and are richer; these are deliberately plain.
 */
import { formatAcceptanceDateTime, easternDate } from '../../pipeline/src/shared/eastern-time';

export interface BuiltFilingSpec {
  accessionNumber: string;
  formType?: string;
  acceptedAt: Date;
  issuer: { cik: string; name: string; ticker: string };
  owners: { cik: string; name: string }[];
  /** Open-market purchase rows: shares and price. */
  purchases?: { shares: string; price: string }[];
}

const T = '\t';

function ownerHeader(o: { cik: string; name: string }, form: string): string[] {
  return [
    `REPORTING-OWNER:${T}`,
    '',
    `${T}OWNER DATA:${T}`,
    `${T}${T}COMPANY CONFORMED NAME:${T}${T}${T}${o.name}`,
    `${T}${T}CENTRAL INDEX KEY:${T}${T}${T}${o.cik}`,
    '',
    `${T}FILING VALUES:`,
    `${T}${T}FORM TYPE:${T}${T}${form}`,
    `${T}${T}SEC ACT:${T}${T}1934 Act`,
    '',
  ];
}

function row(date: string, p: { shares: string; price: string }, form: string): string {
  return `        <nonDerivativeTransaction>
            <securityTitle><value>Common Stock</value></securityTitle>
            <transactionDate><value>${date}</value></transactionDate>
            <transactionCoding>
                <transactionFormType>${form.replace('/A', '')}</transactionFormType>
                <transactionCode>P</transactionCode>
                <equitySwapInvolved>0</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares><value>${p.shares}</value></transactionShares>
                <transactionPricePerShare><value>${p.price}</value></transactionPricePerShare>
                <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>${p.shares}</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
        </nonDerivativeTransaction>`;
}

export function buildOwnershipSubmission(spec: BuiltFilingSpec): string {
  const form = spec.formType ?? '4';
  const accepted = formatAcceptanceDateTime(spec.acceptedAt);
  const day = easternDate(spec.acceptedAt);
  const filed = accepted.slice(0, 8);
  const owners = spec.owners
    .map(
      (o) => `    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>${o.cik}</rptOwnerCik>
            <rptOwnerName>${o.name}</rptOwnerName>
        </reportingOwnerId>
        <reportingOwnerRelationship>
            <isDirector>1</isDirector>
        </reportingOwnerRelationship>
    </reportingOwner>`,
    )
    .join('\n');
  const rows = (spec.purchases ?? [{ shares: '100', price: '10.00' }])
    .map((p) => row(day, p, form))
    .join('\n');
  const xml = `<?xml version="1.0"?>
<ownershipDocument>
    <schemaVersion>X0508</schemaVersion>
    <documentType>${form}</documentType>
    <periodOfReport>${day}</periodOfReport>
    <issuer>
        <issuerCik>${spec.issuer.cik}</issuerCik>
        <issuerName>${spec.issuer.name}</issuerName>
        <issuerTradingSymbol>${spec.issuer.ticker}</issuerTradingSymbol>
    </issuer>
${owners}
    <aff10b5One>0</aff10b5One>
    <nonDerivativeTable>
${rows}
    </nonDerivativeTable>
    <ownerSignature>
        <signatureName>/s/ ${spec.owners[0]?.name ?? ''}</signatureName>
        <signatureDate>${day}</signatureDate>
    </ownerSignature>
</ownershipDocument>`;
  const header = [
    `<SEC-DOCUMENT>${spec.accessionNumber}.txt : ${filed}`,
    `<SEC-HEADER>${spec.accessionNumber}.hdr.sgml : ${filed}`,
    `<ACCEPTANCE-DATETIME>${accepted}`,
    `ACCESSION NUMBER:${T}${T}${spec.accessionNumber}`,
    `CONFORMED SUBMISSION TYPE:${T}${form}`,
    `PUBLIC DOCUMENT COUNT:${T}${T}1`,
    `CONFORMED PERIOD OF REPORT:${T}${filed}`,
    `FILED AS OF DATE:${T}${T}${filed}`,
    `DATE AS OF CHANGE:${T}${T}${filed}`,
    '',
    ...spec.owners.flatMap((o) => ownerHeader(o, form)),
    `ISSUER:${T}${T}`,
    '',
    `${T}COMPANY DATA:${T}`,
    `${T}${T}COMPANY CONFORMED NAME:${T}${T}${T}${spec.issuer.name.toUpperCase()}`,
    `${T}${T}CENTRAL INDEX KEY:${T}${T}${T}${spec.issuer.cik}`,
    '</SEC-HEADER>',
  ];
  const doc = [
    '<DOCUMENT>',
    `<TYPE>${form}`,
    '<SEQUENCE>1',
    '<FILENAME>form4.xml',
    '<DESCRIPTION>PRIMARY DOCUMENT',
  ];
  return [
    ...header,
    ...doc,
    '<TEXT>',
    '<XML>',
    xml,
    '</XML>',
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

/** `0009998001-26-000001`-style accession numbers for generated filings. */
export function syntheticAccession(n: number, filerPrefix = '0009998001', year = 26): string {
  return `${filerPrefix}-${String(year).padStart(2, '0')}-${String(n).padStart(6, '0')}`;
}
