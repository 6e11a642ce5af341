import { parseAcceptanceDateTime } from '../../pipeline/src/shared/eastern-time';
import { parseSubmission } from './submission-file';
import type { Submission } from './submission-file';

export interface StoredFiling extends Submission {
  acceptedAt: Date;
}

/** The filings the fake EDGAR knows, newest acceptance first (the feed's order). */
export interface FilingStore {
  add(text: string): StoredFiling;
  /** Newest first; ties broken by accession number, descending, so the order is stable. */
  all(): readonly StoredFiling[];
  get(accessionNumber: string): StoredFiling | undefined;
}

export function createFilingStore(): FilingStore {
  const byAccession = new Map<string, StoredFiling>();
  let sorted: StoredFiling[] | null = null;
  return {
    add(text) {
      const sub = parseSubmission(text);
      const acceptedAt = parseAcceptanceDateTime(sub.acceptanceDateTime);
      if (!acceptedAt) {
        throw new Error(`${sub.accessionNumber}: bad acceptance datetime`);
      }
      const filing = { ...sub, acceptedAt };
      byAccession.set(sub.accessionNumber, filing);
      sorted = null;
      return filing;
    },
    all() {
      sorted ??= [...byAccession.values()].sort(
        (a, b) =>
          b.acceptedAt.getTime() - a.acceptedAt.getTime() ||
          b.accessionNumber.localeCompare(a.accessionNumber),
      );
      return sorted;
    },
    get: (accessionNumber) => byAccession.get(accessionNumber),
  };
}
