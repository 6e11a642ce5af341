/**
 * Finds the ownership XML in whatever was handed to the parser: the XML as filed, a full
 * submission `.txt` (SGML header, then `<DOCUMENT>` blocks whose XML sits between `<XML>` and
 * `</XML>`), or the `.nc` dissemination form of the same thing. Works on a latin1 view of the
 * bytes, where one character is one byte, so offsets found here are byte offsets for decoding.
 */
import { fail } from './errors';
import { looksBinary } from './decode';
import { OWNERSHIP_DOCUMENT_TYPES } from './model';
import { readSubmissionHeader, type SubmissionHeader } from './submission-header';

export interface LocatedXml {
  /** Null when the input was the XML itself. */
  header: SubmissionHeader | null;
  start: number;
  end: number;
}

const SUBMISSION_START =
  /^(?:-----BEGIN PRIVACY-ENHANCED MESSAGE-----|<(?:SEC-DOCUMENT|SEC-HEADER|SUBMISSION|IMS-DOCUMENT|DOCUMENT|ACCEPTANCE-DATETIME|ACCESSION-NUMBER)>)/;
const UTF8_BOM_AS_LATIN1 = '\u00EF\u00BB\u00BF';
/** A header is a few KB even with dozens of owners; this bounds the regex work on odd inputs. */
const MAX_HEADER_CHARS = 1 << 20;

function skipBlank(text: string, from: number): number {
  let i = from;
  if (text.startsWith(UTF8_BOM_AS_LATIN1, i)) {
    i += 3;
  } else if (text.charCodeAt(i) === 0xfeff) {
    i += 1;
  }
  while (i < text.length && /\s/.test(text[i] ?? '')) {
    i++;
  }
  return i;
}

/** Whether a text (or its first few hundred characters) starts like an EDGAR submission. */
export function isSubmission(view: string): boolean {
  const first = skipBlank(view, 0);
  return SUBMISSION_START.test(view.slice(first, first + 64));
}

export function locateOwnershipXml(view: string): LocatedXml {
  const first = skipBlank(view, 0);
  const head = view.slice(first, first + 64);
  if (SUBMISSION_START.test(head)) {
    return locateInSubmission(view);
  }
  if (head.startsWith('<')) {
    return { header: null, start: first, end: view.length };
  }
  if (looksBinary(view)) {
    return fail('BAD_ENCODING', 'binary data: neither XML nor an EDGAR submission');
  }
  return fail(
    'NOT_OWNERSHIP_DOCUMENT',
    `neither XML nor an EDGAR submission (starts with "${printable(head)}")`,
  );
}

function locateInSubmission(view: string): LocatedXml {
  const firstDocument = view.indexOf('<DOCUMENT>');
  const headerEnd = firstDocument < 0 ? view.length : firstDocument;
  const header = readSubmissionHeader(view.slice(0, Math.min(headerEnd, MAX_HEADER_CHARS)));
  for (let from = headerEnd; ;) {
    const open = view.indexOf('<XML>', from);
    if (open < 0) {
      break;
    }
    const close = view.indexOf('</XML>', open + 5);
    if (close < 0) {
      fail('TRUNCATED', 'submission ends inside an <XML> block (no </XML>)');
    }
    const start = skipBlank(view, open + 5);
    let end = close;
    while (end > start && /\s/.test(view[end - 1] ?? '')) {
      end--;
    }
    const root = rootElement(view, start, end);
    if (root.name !== null && localName(root.name) === 'ownershipDocument') {
      return { header, start, end };
    }
    from = close + 6;
  }
  const type = header.formType ?? 'unknown';
  if ((OWNERSHIP_DOCUMENT_TYPES as readonly string[]).includes(type)) {
    return fail(
      'NO_OWNERSHIP_XML',
      `Form ${type} submission without ownership XML (a text filing from before 2003, or a header only)`,
    );
  }
  return fail('NOT_OWNERSHIP_DOCUMENT', `submission of form type ${type}, not an ownership form (3, 4, 5)`);
}

export interface RootElement {
  /** Qualified name of the first element, null when none could be found before `to`. */
  name: string | null;
  /** Whether a `<!DOCTYPE` came before it. */
  doctype: boolean;
}

/** Skips the prolog (declaration, PIs, comments, DOCTYPE) and names the root element. */
export function rootElement(text: string, from: number, to: number): RootElement {
  let doctype = false;
  let i = skipBlank(text, from);
  while (i < to && text.charCodeAt(i) === 60 /* < */) {
    let next: number;
    if (text.startsWith('<?', i)) {
      next = after(text, '?>', i + 2);
    } else if (text.startsWith('<!--', i)) {
      next = after(text, '-->', i + 4);
    } else if (text.startsWith('<!', i)) {
      doctype = true;
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      const subsetEnd = bracket >= 0 && (gt < 0 || bracket < gt) ? text.indexOf(']', bracket) : i;
      next = subsetEnd < 0 ? -1 : after(text, '>', subsetEnd);
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      return { name: m?.[1] ?? null, doctype };
    }
    if (next <= i || next > to) {
      break;
    }
    i = skipBlank(text, next);
  }
  return { name: null, doctype };
}

function after(text: string, token: string, from: number): number {
  const k = text.indexOf(token, from);
  return k < 0 ? -1 : k + token.length;
}

export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function printable(text: string): string {
  return text.slice(0, 24).replace(/[^\x20-\x7e]/g, '?');
}
