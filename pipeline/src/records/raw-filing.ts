/**
 * A raw filing as it travels on `edgar.filings.raw`: the document bytes exactly as EDGAR served
 * them (a full submission `.txt` or the ownership XML) plus what the crawler knew when it fetched.
 * The key is the accession number, so every copy of one filing lands on the same partition.
 */
export interface RawFiling {
  accessionNumber: string;
  formType: string;
  /** Zero-padded to 10 digits when the source named the issuer, else null. */
  issuerCik: string | null;
  /** ISO-8601 instant of EDGAR acceptance when known. */
  acceptedAt: string | null;
  sourceUrl: string;
  fetchedAt: string;
  /** Which crawler source found it: live, reconcile, backfill, company, demo. */
  source: string;
  body: Buffer;
}

export const RAW_HEADERS = {
  accessionNumber: 'accession',
  formType: 'form-type',
  issuerCik: 'issuer-cik',
  acceptedAt: 'accepted-at',
  sourceUrl: 'source-url',
  fetchedAt: 'fetched-at',
  source: 'source',
} as const;

export function rawFilingHeaders(f: RawFiling): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [field, header] of Object.entries(RAW_HEADERS) as [keyof typeof RAW_HEADERS, string][]) {
    const v = f[field];
    if (v !== null) {
      h[header] = v;
    }
  }
  return h;
}
