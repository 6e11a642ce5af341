/** The archive paths EDGAR builds from accession numbers and CIKs (the identifiers: records/edgar-ids.ts). */
import { accessionFolder, unpadCik } from '../../records/edgar-ids';

export { ACCESSION_PATTERN, isAccession, padCik, unpadCik } from '../../records/edgar-ids';

/** Path of the full submission text file, relative to EDGAR_BASE_URL. */
export function submissionTextPath(archiveCik: string, accession: string): string {
  return `/Archives/edgar/data/${unpadCik(archiveCik)}/${accessionFolder(accession)}/${accession}.txt`;
}
