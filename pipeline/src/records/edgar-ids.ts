/**
 * EDGAR's identifiers, one rule each for every stage and tool: accession numbers and CIKs. A CIK is
 * written with or without its leading zeros; the data model always pads it to 10 digits, and
 * EDGAR's archive paths and index files drop the padding.
 */
export const ACCESSION_PATTERN = /^\d{10}-\d{2}-\d{6}$/;

export function isAccession(text: string): boolean {
  return ACCESSION_PATTERN.test(text);
}

/** `0009990001-26-000004` → `000999000126000004`, the folder under /Archives/edgar/data/<cik>/. */
export function accessionFolder(accession: string): string {
  return accession.replace(/-/g, '');
}

/** `320193` / `0000320193` → `0000320193`; null when not 1–10 digits. */
export function padCik(cik: string | number): string | null {
  const s = String(cik).trim();
  return /^\d{1,10}$/.test(s) ? s.padStart(10, '0') : null;
}

/** `0000320193` → `320193`, as archive paths and index files write it. */
export function unpadCik(cik: string): string {
  return cik.replace(/^0+(?=\d)/, '');
}
