/**
 * `<ownershipDocument>` → the filed facts of the model (rows included, derivations not). Fields
 * the model cannot do without fail with MISSING_FIELD: documentType, periodOfReport, the issuer's
 * CIK and at least one reporting owner with a CIK. Everything else is nullable.
 */
import { fail } from './errors';
import {
  OWNERSHIP_DOCUMENT_TYPES,
  type DocumentType,
  type FiledRow,
  type Footnote,
  type OwnershipFiling,
  type ReportingOwner,
  type Signature,
} from './model';
import { readRows } from './ownership-rows';
import { collapseWhitespace, toBoolean, toCik, toIsoDate, toTicker } from './values';
import { child, childField, childrenNamed, ownText } from './xml-access';
import type { XmlElement } from './xml-reader';

export type FiledDocument = Omit<
  OwnershipFiling,
  'rows' | 'source' | 'accessionNumber' | 'acceptedAt' | 'filedDate'
> & {
  rows: FiledRow[];
};

export function readOwnershipDocument(root: XmlElement): FiledDocument {
  const documentType = readDocumentType(childField(root, 'documentType'));
  const period = toIsoDate(childField(root, 'periodOfReport'), 'periodOfReport');
  const issuer = child(root, 'issuer') ?? fail('MISSING_FIELD', 'issuer is missing');
  const owners = childrenNamed(root, 'reportingOwner').map(readOwner);
  if (owners.length === 0) {
    fail('MISSING_FIELD', 'reportingOwner is missing');
  }
  const rawTicker = childField(issuer, 'issuerTradingSymbol');
  return {
    documentType,
    schemaVersion: childField(root, 'schemaVersion'),
    periodOfReport: period ?? fail('MISSING_FIELD', 'periodOfReport is missing'),
    dateOfOriginalSubmission: toIsoDate(
      childField(root, 'dateOfOriginalSubmission'),
      'dateOfOriginalSubmission',
    ),
    issuer: {
      cik: toCik(childField(issuer, 'issuerCik'), 'issuerCik'),
      name: childField(issuer, 'issuerName'),
      ticker: toTicker(rawTicker),
      rawTicker,
    },
    reportingOwners: owners,
    aff10b5One: flag(root, 'aff10b5One'),
    notSubjectToSection16: flag(root, 'notSubjectToSection16'),
    noSecuritiesOwned: flag(root, 'noSecuritiesOwned'),
    form3HoldingsReported: flag(root, 'form3HoldingsReported'),
    form4TransactionsReported: flag(root, 'form4TransactionsReported'),
    remarks: prose(childField(root, 'remarks')),
    footnotes: readFootnotes(child(root, 'footnotes')),
    signatures: childrenNamed(root, 'ownerSignature').map(readSignature),
    rows: readRows(root),
  };
}

function readDocumentType(raw: string | null): DocumentType {
  if (raw === null) {
    return fail('MISSING_FIELD', 'documentType is missing');
  }
  const type = raw.toUpperCase();
  return (OWNERSHIP_DOCUMENT_TYPES as readonly string[]).includes(type)
    ? (type as DocumentType)
    : fail('UNSUPPORTED_DOCUMENT_TYPE', `documentType "${raw.slice(0, 20)}" is not 3, 3/A, 4, 4/A, 5 or 5/A`);
}

function flag(el: XmlElement | undefined, name: string): boolean | null {
  return toBoolean(childField(el, name), name);
}

function prose(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  const collapsed = collapseWhitespace(text);
  return collapsed === '' ? null : collapsed;
}

function readOwner(el: XmlElement, index: number): ReportingOwner {
  const id = child(el, 'reportingOwnerId');
  const rel = child(el, 'reportingOwnerRelationship');
  const at = (name: string) => `reportingOwner #${index} ${name}`;
  // An unchecked box is usually written 0 but may simply be left out.
  const box = (name: string) => toBoolean(childField(rel, name), at(name)) ?? false;
  return {
    cik: toCik(childField(id, 'rptOwnerCik'), at('rptOwnerCik')),
    name: childField(id, 'rptOwnerName'),
    isDirector: box('isDirector'),
    isOfficer: box('isOfficer'),
    isTenPercentOwner: box('isTenPercentOwner'),
    isOther: box('isOther'),
    officerTitle: childField(rel, 'officerTitle'),
    otherText: childField(rel, 'otherText'),
  };
}

function readFootnotes(el: XmlElement | undefined): Footnote[] {
  const out: Footnote[] = [];
  for (const f of childrenNamed(el, 'footnote')) {
    const id = f.attrs?.get('id')?.trim();
    if (id) {
      out.push({ id, text: prose(ownText(f)) ?? '' });
    }
  }
  return out;
}

function readSignature(el: XmlElement, index: number): Signature {
  return {
    name: childField(el, 'signatureName'),
    date: toIsoDate(childField(el, 'signatureDate'), `ownerSignature #${index} signatureDate`),
  };
}
