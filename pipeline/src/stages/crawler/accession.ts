/** Accession numbers, CIKs and the archive paths EDGAR builds from them. */
export const ACCESSION_PATTERN = /^\d{10}-\d{2}-\d{6}$/;

export function isAccession(text: string): boolean {
  return ACCESSION_PATTERN.test(text);
}

/** `320193` / `0000320193` → `0000320193`; null when not 1–10 digits. */
export function padCik(cik: string | number): string | null {
  const s = String(cik).trim();
  return /^\d{1,10}$/.test(s) ? s.padStart(10, '0') : null;
}

export function unpadCik(cik: string): string {
  return cik.replace(/^0+(?=\d)/, '');
}

/** Path of the full submission text file, relative to EDGAR_BASE_URL. */
export function submissionTextPath(archiveCik: string, accession: string): string {
  return `/Archives/edgar/data/${unpadCik(archiveCik)}/${accession.replace(/-/g, '')}/${accession}.txt`;
}
