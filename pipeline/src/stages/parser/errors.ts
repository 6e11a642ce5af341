/**
 * Typed parse failures. parseFiling never throws: every failure below is returned as
 * `{ ok: false, error: { code, message } }`. None is retriable: the same bytes fail the same way.
 *
 * | code                       | meaning                                                              |
 * |----------------------------|----------------------------------------------------------------------|
 * | NOT_OWNERSHIP_DOCUMENT     | not a Form 3/4/5 ownership document (Form D, index, JSON, HTML, …)   |
 * | NO_OWNERSHIP_XML           | an ownership filing without ownership XML (pre-2003 text form, header only) |
 * | UNSUPPORTED_DOCUMENT_TYPE  | ownershipDocument whose documentType is not 3, 3/A, 4, 4/A, 5, 5/A   |
 * | TOO_LARGE                  | input or extracted XML above the size cap                            |
 * | BAD_ENCODING               | binary garbage, NUL/control characters, bytes invalid in the declared encoding |
 * | ENTITY_EXPANSION           | a DTD or entity declaration (billion laughs, external entities)      |
 * | TRUNCATED                  | the document ends inside an element, tag, comment or submission block |
 * | MALFORMED_XML              | not well-formed XML (mismatched tags, bad syntax, undefined entity)  |
 * | MISSING_FIELD              | a field the model requires is absent (issuer CIK, owner CIK, …)      |
 * | INVALID_VALUE              | a number, date, boolean or CIK that cannot be read exactly           |
 * | INTERNAL_ERROR             | a bug in the parser; the fuzz test asserts it never happens          |
 */
export const PARSE_ERROR_CODES = [
  'NOT_OWNERSHIP_DOCUMENT',
  'NO_OWNERSHIP_XML',
  'UNSUPPORTED_DOCUMENT_TYPE',
  'TOO_LARGE',
  'BAD_ENCODING',
  'ENTITY_EXPANSION',
  'TRUNCATED',
  'MALFORMED_XML',
  'MISSING_FIELD',
  'INVALID_VALUE',
  'INTERNAL_ERROR',
] as const;

export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

export interface FilingParseError {
  code: ParseErrorCode;
  message: string;
}

/**
 * Codes that say "this input is not something the parser is meant to read", as opposed to a
 * broken ownership document. The CLI reports them as skipped and they do not fail a run.
 */
export const NOT_OWNERSHIP_CODES: ReadonlySet<ParseErrorCode> = new Set([
  'NOT_OWNERSHIP_DOCUMENT',
  'NO_OWNERSHIP_XML',
]);

/** Thrown inside the parser and turned into a FilingParseError at the parseFiling boundary. */
export class ParseFailure extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ParseFailure';
  }
}

export function fail(code: ParseErrorCode, message: string): never {
  throw new ParseFailure(code, message);
}
