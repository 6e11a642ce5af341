/**
 * The SGML header of an EDGAR submission, read once for the parser, the crawler and the fake EDGAR.
 * It comes in two spellings:
 * - the `.txt` full submission: `<SEC-HEADER>` with "ACCESSION NUMBER:\t\t…" lines, entity blocks
 *   ("REPORTING-OWNER:", then indented "CENTRAL INDEX KEY:" lines) and an `<ACCEPTANCE-DATETIME>` tag;
 * - the `.nc` dissemination / `-index-headers` form: one tag per field (`<ACCESSION-NUMBER>…`,
 *   `<FILING-DATE>…`, `<REPORTING-OWNER>…</REPORTING-OWNER>`), a value ending at the next tag or
 *   line break, often all on one line.
 * Values are returned as written (dates YYYYMMDD, acceptance YYYYMMDDhhmmss Eastern); callers
 * convert what they use. Pass only the header (the text before the first `<DOCUMENT>`): document
 * blocks reuse tag names such as `<TYPE>`.
 */
import { isAccession, padCik } from './edgar-ids';

export interface HeaderEntity {
  /** Zero-padded to 10 digits when it is a CIK, else as written ('' when absent). */
  cik: string;
  /** COMPANY CONFORMED NAME / CONFORMED-NAME, '' when absent. */
  name: string;
}

export interface SgmlHeader {
  /** Null unless it has the shape of an accession number. */
  accessionNumber: string | null;
  /** CONFORMED SUBMISSION TYPE / TYPE, e.g. "4/A", "D". */
  formType: string | null;
  /** YYYYMMDDhhmmss, US Eastern wall clock. Dissemination files often lack it. */
  acceptanceDateTime: string | null;
  /** FILED AS OF DATE / FILING-DATE, YYYYMMDD. */
  filedAsOf: string | null;
  /** CONFORMED PERIOD OF REPORT / PERIOD, YYYYMMDD. */
  periodOfReport: string | null;
  reportingOwners: HeaderEntity[];
  issuer: HeaderEntity | null;
  /** FILER blocks: non-ownership forms name their filers this way. */
  filers: HeaderEntity[];
}

/** Field → [labeled-line name, tag name]. */
const FIELDS = {
  accessionNumber: ['ACCESSION NUMBER', 'ACCESSION-NUMBER'],
  formType: ['CONFORMED SUBMISSION TYPE', 'TYPE'],
  filedAsOf: ['FILED AS OF DATE', 'FILING-DATE'],
  periodOfReport: ['CONFORMED PERIOD OF REPORT', 'PERIOD'],
} as const;

type Role = 'owner' | 'issuer' | 'filer' | 'other';

/** Entity blocks by their label (`.txt`) and their tag (`.nc`). */
const ROLE_OF_LABEL: Record<string, Role> = {
  'REPORTING-OWNER': 'owner',
  ISSUER: 'issuer',
  FILER: 'filer',
  'SUBJECT COMPANY': 'other',
  'FILED BY': 'other',
};
const ROLE_OF_TAG: Record<string, Role> = {
  'REPORTING-OWNER': 'owner',
  ISSUER: 'issuer',
  FILER: 'filer',
  'SUBJECT-COMPANY': 'other',
  'FILED-BY': 'other',
};

function lookup(header: string, [label, tag]: readonly [string, string]): string | null {
  const labeled = new RegExp(`^[ \\t]*${label}:[ \\t]*([^\\r\\n]*)`, 'm').exec(header);
  if (labeled?.[1]?.trim()) {
    return labeled[1].trim();
  }
  const tagged = new RegExp(`<${tag}>[ \\t]*([^<\\r\\n]*)`).exec(header);
  return tagged?.[1]?.trim() || null;
}

function digits(value: string | null, count: number): string | null {
  return value !== null && new RegExp(`^\\d{${count}}$`).test(value) ? value : null;
}

interface Blocks {
  found: boolean;
  owners: HeaderEntity[];
  issuer: HeaderEntity | null;
  filers: HeaderEntity[];
}

function collect(blocks: Blocks, role: Role, entity: HeaderEntity): void {
  blocks.found = true;
  if (role === 'owner') {
    blocks.owners.push(entity);
  } else if (role === 'issuer') {
    blocks.issuer ??= entity;
  } else if (role === 'filer') {
    blocks.filers.push(entity);
  }
}

/** "REPORTING-OWNER:" at the start of a line opens a block; its indented lines belong to it. */
function labeledBlocks(header: string): Blocks {
  const blocks: Blocks = { found: false, owners: [], issuer: null, filers: [] };
  let current: HeaderEntity | null = null;
  for (const line of header.split(/\r?\n/)) {
    const kv = /^(\t*| *)([A-Z][A-Z0-9 -]*):[ \t]*(.*)$/.exec(line);
    if (!kv) {
      continue;
    }
    const [, indent, key, value] = kv as unknown as [string, string, string, string];
    if (indent === '') {
      const role = ROLE_OF_LABEL[key];
      current = role ? { cik: '', name: '' } : null;
      if (role && current) {
        collect(blocks, role, current);
      }
    } else if (current) {
      setField(
        current,
        key === 'CENTRAL INDEX KEY' ? 'cik' : key === 'COMPANY CONFORMED NAME' ? 'name' : null,
        value,
      );
    }
  }
  return blocks;
}

/** `<REPORTING-OWNER>…</REPORTING-OWNER>`: the first `<CIK>` and `<CONFORMED-NAME>` inside. */
function taggedBlocks(header: string): Blocks {
  const blocks: Blocks = { found: false, owners: [], issuer: null, filers: [] };
  let current: { role: Role; tag: string; entity: HeaderEntity } | null = null;
  for (const m of header.matchAll(/<(\/?)([A-Z][A-Z0-9-]*)>([^<\r\n]*)/g)) {
    const [, close, tag, value] = m as unknown as [string, string, string, string];
    if (current && close && tag === current.tag) {
      current = null;
    } else if (!current && !close && ROLE_OF_TAG[tag]) {
      current = { role: ROLE_OF_TAG[tag], tag, entity: { cik: '', name: '' } };
      collect(blocks, current.role, current.entity);
    } else if (current && !close) {
      setField(current.entity, tag === 'CIK' ? 'cik' : tag === 'CONFORMED-NAME' ? 'name' : null, value);
    }
  }
  return blocks;
}

function setField(entity: HeaderEntity, field: 'cik' | 'name' | null, raw: string): void {
  const value = raw.trim();
  if (field === 'cik' && entity.cik === '') {
    entity.cik = padCik(value) ?? value;
  } else if (field === 'name' && entity.name === '') {
    entity.name = value;
  }
}

export function readSgmlHeader(header: string): SgmlHeader {
  const accession = lookup(header, FIELDS.accessionNumber);
  const labeled = labeledBlocks(header);
  const blocks = labeled.found ? labeled : taggedBlocks(header);
  return {
    accessionNumber: accession !== null && isAccession(accession) ? accession : null,
    formType: lookup(header, FIELDS.formType),
    acceptanceDateTime: /<ACCEPTANCE-DATETIME>[ \t]*(\d{14})/.exec(header)?.[1] ?? null,
    filedAsOf: digits(lookup(header, FIELDS.filedAsOf), 8),
    periodOfReport: digits(lookup(header, FIELDS.periodOfReport), 8),
    reportingOwners: blocks.owners,
    issuer: blocks.issuer,
    filers: blocks.filers,
  };
}
