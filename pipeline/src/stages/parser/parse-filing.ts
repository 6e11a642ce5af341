/**
 * The parser stage's pure core: bytes of a raw filing in, a normalized ownership filing or a typed
 * error out. No Kafka, Postgres or Redis here (run.ts wires it).
 *
 * Steps, each failing with its own code (see errors.ts):
 * 1. size cap on the input (TOO_LARGE);
 * 2. find the ownership XML: the input itself, or the `<XML>` block of a `.txt`/`.nc` submission
 *    whose SGML header gives accession number, acceptance time and filed date;
 * 3. root check: anything but `<ownershipDocument>` is NOT_OWNERSHIP_DOCUMENT, before any decoding;
 * 4. size cap on the XML, decoding per its declaration, forbidden characters (BAD_ENCODING);
 * 5. strict XML read (ENTITY_EXPANSION, TRUNCATED, MALFORMED_XML);
 * 6. the model (MISSING_FIELD, INVALID_VALUE, UNSUPPORTED_DOCUMENT_TYPE) and derivations.
 *
 * parseFiling never throws: any exception that escapes the steps is a bug, reported as INTERNAL_ERROR.
 */
import { assertXmlCharacters, decodeXmlBytes, utf16Text } from './decode';
import { deriveRows } from './derive';
import { ParseFailure, fail, type FilingParseError } from './errors';
import { isSubmission, locateOwnershipXml, localName, rootElement } from './locate-document';
import type { OwnershipFiling } from './model';
import { readOwnershipDocument } from './ownership-xml';
import { readXml } from './xml-reader';

export type ParseOutcome = { ok: true; filing: OwnershipFiling } | { ok: false; error: FilingParseError };

export interface ParseOptions {
  /** Recorded in `filing.source` (a path or URL). */
  source?: string;
  /** Used when the input is bare XML without a submission header (e.g. the crawler knew it). */
  accessionNumber?: string;
  /** ISO-8601 instant; used when the input has no ACCEPTANCE-DATETIME. */
  acceptedAt?: string;
}

/** A whole submission may carry large exhibits; the cap bounds memory for hostile inputs. */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;
/** Real ownership XML stays under 2 MB; 20 MB is generous and still parses in well under a second. */
export const MAX_XML_BYTES = 20 * 1024 * 1024;

export function parseFiling(input: Buffer | string, options: ParseOptions = {}): ParseOutcome {
  try {
    return { ok: true, filing: parseOrThrow(input, options) };
  } catch (err) {
    if (err instanceof ParseFailure) {
      return { ok: false, error: { code: err.code, message: err.message } };
    }
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { ok: false, error: { code: 'INTERNAL_ERROR', message } };
  }
}

function parseOrThrow(input: Buffer | string, options: ParseOptions): OwnershipFiling {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > MAX_INPUT_BYTES) {
    fail('TOO_LARGE', `input is ${size} bytes, above the ${MAX_INPUT_BYTES}-byte cap`);
  }
  // Anything but a submission is the XML itself, so the XML cap applies before any decoding work.
  if (
    size > MAX_XML_BYTES &&
    !isSubmission(typeof input === 'string' ? input.slice(0, 256) : input.toString('latin1', 0, 256))
  ) {
    fail('TOO_LARGE', `document is ${size} bytes, above the ${MAX_XML_BYTES}-byte cap`);
  }
  // Text input (or UTF-16 bytes, decoded whole) is already characters; other bytes are viewed as
  // latin1, one character per byte, so offsets found in the view are byte offsets for decoding.
  const text = typeof input === 'string' ? input : utf16Text(input);
  const view = text ?? (input as Buffer).toString('latin1');
  const located = locateOwnershipXml(view);
  if (located.end - located.start > MAX_XML_BYTES) {
    fail(
      'TOO_LARGE',
      `ownership XML is ${located.end - located.start} bytes, above the ${MAX_XML_BYTES}-byte cap`,
    );
  }
  const root = rootElement(view, located.start, Math.min(located.end, located.start + 65536));
  if (root.name !== null && localName(root.name) !== 'ownershipDocument') {
    fail('NOT_OWNERSHIP_DOCUMENT', `root element is <${root.name}>, not <ownershipDocument>`);
  }
  const xml =
    text !== null
      ? view.slice(located.start, located.end)
      : decodeXmlBytes((input as Buffer).subarray(located.start, located.end));
  assertXmlCharacters(xml);
  const doc = readOwnershipDocument(readXml(xml));
  const header = located.header;
  const acceptedAt = header?.acceptedAt ?? options.acceptedAt ?? null;
  const filedDate = header?.filedDate ?? null;
  const signed = doc.signatures
    .map((s) => s.date)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    source: options.source ?? null,
    accessionNumber: header?.accessionNumber ?? options.accessionNumber ?? null,
    ...doc,
    acceptedAt,
    filedDate,
    rows: deriveRows(doc.rows, {
      issuerCik: doc.issuer.cik,
      periodOfReport: doc.periodOfReport,
      aff10b5One: doc.aff10b5One,
      remarks: doc.remarks,
      footnotes: doc.footnotes,
      referenceDate: filedDate ?? acceptedAt?.slice(0, 10) ?? signed[signed.length - 1] ?? null,
    }),
  };
}
