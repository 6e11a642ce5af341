/**
 * Checks a downloaded full submission before it is produced, and reads from its SGML header what
 * the raw record's headers carry. A body can be short without any transport error (a proxy that
 * closes cleanly, a gzip stream cut at a block boundary), so completeness is checked on the
 * content: a full submission always ends with `</SEC-DOCUMENT>`.
 */
import { padCik } from './accession';
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

function headerValue(header: string, key: string): string | undefined {
  return new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(header)?.[1];
}

/** CENTRAL INDEX KEY of each block named `section` (ISSUER, REPORTING-OWNER). */
function sectionCiks(header: string, section: string): string[] {
  const ciks: string[] = [];
  const blocks = header.split(/^(?=[A-Z][A-Z -]*:[ \t]*$)/m);
  for (const block of blocks) {
    if (!new RegExp(`^${section}:`).test(block)) {
      continue;
    }
    const cik = /CENTRAL INDEX KEY:[ \t]*(\d{1,10})/.exec(block)?.[1];
    const padded = cik ? padCik(cik) : null;
    if (padded) {
      ciks.push(padded);
    }
  }
  return ciks;
}

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
  const header = /<SEC-HEADER>[\s\S]*?<\/SEC-HEADER>/.exec(text)?.[0] ?? '';
  const accession = headerValue(header, 'ACCESSION NUMBER');
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
  const acceptance = /^<ACCEPTANCE-DATETIME>(\d{14})/m.exec(header)?.[1];
  const accepted = acceptance ? parseAcceptanceDateTime(acceptance) : null;
  return {
    ok: true,
    formType: headerValue(header, 'CONFORMED SUBMISSION TYPE') ?? '',
    issuerCik: sectionCiks(header, 'ISSUER')[0] ?? null,
    ownerCiks: sectionCiks(header, 'REPORTING-OWNER'),
    acceptedAt: accepted ? accepted.toISOString() : null,
  };
}
