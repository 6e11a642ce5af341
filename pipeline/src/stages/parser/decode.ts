/**
 * Bytes to text, honoring the XML declaration. EDGAR ownership XML is mostly UTF-8 or declared
 * ISO-8859-1; filers' "ISO-8859-1" is in practice windows-1252 (curly quotes at 0x93/0x94), which is
 * also what the WHATWG decoder gives for that label, so both labels decode as windows-1252.
 */
import { fail } from './errors';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

const SINGLE_BYTE_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'latin-1',
  'l1',
  'windows-1252',
  'cp1252',
  'us-ascii',
  'ascii',
]);

const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/;

/** The encoding named by the XML declaration, lower-cased; null when there is none. */
export function declaredEncoding(head: string): string | null {
  const m = DECLARED_ENCODING.exec(head.slice(0, 300));
  return m ? (m[1] ?? '').trim().toLowerCase() : null;
}

/** Decodes an XML document; without a declaration XML means UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), 'a UTF-8 byte order mark');
  }
  const nul = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(0);
  if (nul >= 0) {
    fail('BAD_ENCODING', `NUL byte at offset ${nul}: binary data, not an XML text document`);
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 300)).toString(
    'latin1',
  );
  const label = declaredEncoding(head);
  if (label === null || label === 'utf-8' || label === 'utf8') {
    return decodeUtf8(bytes, label === null ? 'no encoding declaration (so UTF-8)' : 'encoding="UTF-8"');
  }
  if (SINGLE_BYTE_LABELS.has(label)) {
    return WINDOWS_1252.decode(bytes);
  }
  if (label.startsWith('utf-16') || label === 'unicode') {
    return fail(
      'BAD_ENCODING',
      `declares ${label} but has no UTF-16 byte order mark and no NUL bytes: the declaration is wrong`,
    );
  }
  return fail('BAD_ENCODING', `unsupported encoding "${label}" (expected UTF-8 or ISO-8859-1)`);
}

function decodeUtf8(bytes: Uint8Array, why: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return fail('BAD_ENCODING', `bytes are not valid UTF-8, but the document has ${why}`);
  }
}

/**
 * A whole input written in UTF-16 (it then starts with a byte order mark) decoded to text; null for
 * any other input. EDGAR does not disseminate UTF-16, but a re-saved file can be.
 */
export function utf16Text(bytes: Uint8Array): string | null {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) {
    return null;
  }
  const label = le ? 'utf-16le' : 'utf-16be';
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes.subarray(2));
  } catch {
    return fail('BAD_ENCODING', `bytes are not valid ${label.toUpperCase()} after its byte order mark`);
  }
}

// XML 1.0 forbids C0 controls other than tab, LF and CR, and the non-characters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Fails on characters no XML document may contain: the sign of binary data or a wrong encoding. */
export function assertXmlCharacters(text: string): void {
  const m = FORBIDDEN_CHARACTER.exec(text);
  if (m) {
    const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    fail('BAD_ENCODING', `control character U+${code} at offset ${m.index}: binary data or a wrong encoding`);
  }
}

/** Heuristic for inputs that are neither XML nor a submission: binary data rather than text. */
export function looksBinary(head: string): boolean {
  return FORBIDDEN_CHARACTER.test(head.slice(0, 8192));
}
