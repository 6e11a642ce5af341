/**
 * The fake EDGAR's Insider Transactions Data Set: `<quarter>_form345.zip` built from its own
 * filings filed in that quarter (FILED AS OF DATE), each parsed by the pipeline's parser and
 * written back in the SEC's table format (devtools/datasets), with the SEC's 2-decimal rounding.
 * A quarter without filings has no zip (404), like a quarter the SEC has not published yet.
 */
import { buildDatasetZip } from '../datasets/build-zip';
import { createTableWriter } from '../datasets/write-tables';
import { DATASET_PATH } from '../../pipeline/src/stages/datasets/quarters';
import { parseFiling } from '../../pipeline/src/stages/parser/parse-filing';
import type { StoredFiling } from './filing-store';

export const DATASET_ROUTE = new RegExp(`^${DATASET_PATH}/(\\d{4})q([1-4])_form345\\.zip$`);

export function quarterOf(filedAsOf: string): string {
  return `${filedAsOf.slice(0, 4)}q${Math.floor((Number(filedAsOf.slice(4, 6)) - 1) / 3) + 1}`;
}

/** The zip, or null when no filing of the quarter parses. */
export async function datasetZip(quarter: string, filings: readonly StoredFiling[]): Promise<Buffer | null> {
  const writer = createTableWriter();
  let count = 0;
  // Oldest first, as the SEC's tables list them.
  for (const f of [...filings].reverse()) {
    if (quarterOf(f.filedAsOf) !== quarter) {
      continue;
    }
    const parsed = parseFiling(f.text);
    if (parsed.ok) {
      writer.add(parsed.filing);
      count++;
    }
  }
  return count === 0 ? null : buildDatasetZip(writer.tsv());
}
