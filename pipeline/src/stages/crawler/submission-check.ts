/**
 * Checks a downloaded full submission before it is produced, and reads from its SGML header what
 * the raw record's headers carry. A body can be short without any transport error (a proxy that
 * closes cleanly, a gzip stream cut at a block boundary), so completeness is checked on the
 * content: a full submission always ends with `</SEC-DOCUMENT>`.
 */
import { readSgmlHeader } from '../../records/sgml-header';
import { padCik } from '../../records/edgar-ids';
import { parseAcceptanceDateTime } from '../../shared/eastern-time';

export type SubmissionCheck =
  | {
      ok: true;
      formType: string;
      issuerCik: string | null;
      ownerCiks: string[];
      acceptedAt: string | null;
    }
  | {
      ok: false;
      /** truncated is worth another download; the others are what EDGAR really has. */
      reason: 'truncated' | 'not_a_submission' | 'accession_mismatch' | 'no_ownership_xml';
      retriable: boolean;
      detail: string;
    };

export function checkSubmission(text: string, expectedAccession: string): SubmissionCheck {
  if (!text.startsWith('<SEC-DOCUMENT>')) {
    const looksHtml = /^\s*<(!DOCTYPE|html)/i.test(text);
    return {
      ok: false,
      reason: 'not_a_submission',
      retriable: false,
      detail: looksHtml ? 'an HTML page' : `starts with ${JSON.stringify(text.slice(0, 40))}`,
    };
  }
  if (!/<\/SEC-DOCUMENT>\s*$/.test(text)) {
    return {
      ok: false,
      reason: 'truncated',
      retriable: true,
      detail: `${text.length} characters, no </SEC-DOCUMENT>`,
    };
  }
  const header = readSgmlHeader(/<SEC-HEADER>[\s\S]*?<\/SEC-HEADER>/.exec(text)?.[0] ?? '');
  const accession = header.accessionNumber;
  if (accession !== expectedAccession) {
    return {
      ok: false,
      reason: 'accession_mismatch',
      retriable: false,
      detail: `expected ${expectedAccession}, header says ${accession ?? 'nothing'}`,
    };
  }
  if (!/<ownershipDocument[\s>]/.test(text)) {
    return {
      ok: false,
      reason: 'no_ownership_xml',
      retriable: false,
      detail: 'no <ownershipDocument> in any document',
    };
  }
  const accepted = header.acceptanceDateTime ? parseAcceptanceDateTime(header.acceptanceDateTime) : null;
  return {
    ok: true,
    formType: header.formType ?? '',
    issuerCik: header.issuer ? padCik(header.issuer.cik) : null,
    ownerCiks: header.reportingOwners.flatMap((o) => padCik(o.cik) ?? []),
    acceptedAt: accepted ? accepted.toISOString() : null,
  };
}
