/**
 * The loader's side of the provenance rule (records/provenance.ts): an xml version of a filing
 * replaces its dataset version in place, and a dataset version never overwrites an xml one,
 * whatever order the two arrive in and whichever topic (rows, filings) comes first.
 *
 * - A dataset record is dropped when its accession already has an xml version stored (the filing,
 *   or one of its rows) or in the same batch.
 * - An xml filing deletes the dataset rows, owners and footnotes of its accession before it is
 *   merged: positions may differ between the two versions (the data set cannot say how a document
 *   interleaved transactions and holdings), so an upsert by position alone could leave a stale
 *   row. Its own rows, loaded before or after, are xml and stay.
 */
import type pg from 'pg';
import { isDatasetProvenance } from '../../records/provenance';
import type { FilingRecord, RowRecord } from '../parser/to-avro';

type Versioned = { accessionNumber: string | null; provenance?: string | null };

function xmlInBatch(records: readonly Versioned[]): Set<string> {
  return new Set(
    records.flatMap((r) =>
      r.accessionNumber && !isDatasetProvenance(r.provenance) ? [r.accessionNumber] : [],
    ),
  );
}

async function storedXml(
  client: pg.PoolClient,
  accessions: string[],
  withRows: boolean,
): Promise<Set<string>> {
  if (accessions.length === 0) {
    return new Set();
  }
  const rowsToo = withRows
    ? `UNION SELECT accession_number FROM transactions WHERE accession_number = ANY($1) AND provenance = 'xml'
       UNION SELECT accession_number FROM holdings WHERE accession_number = ANY($1) AND provenance = 'xml'`
    : '';
  const { rows } = await client.query<{ accession_number: string }>(
    `SELECT accession_number FROM filings WHERE accession_number = ANY($1) AND provenance = 'xml' ${rowsToo}`,
    [accessions],
  );
  return new Set(rows.map((r) => r.accession_number));
}

/** Which records to load (true) and which an xml version supersedes (false). */
async function keepMask(
  client: pg.PoolClient,
  records: readonly Versioned[],
  withRows: boolean,
): Promise<boolean[]> {
  const inBatch = xmlInBatch(records);
  const datasetAccessions = [
    ...new Set(
      records.flatMap((r) =>
        r.accessionNumber && isDatasetProvenance(r.provenance) ? [r.accessionNumber] : [],
      ),
    ),
  ];
  const stored = await storedXml(
    client,
    datasetAccessions.filter((a) => !inBatch.has(a)),
    withRows,
  );
  return records.map(
    (r) =>
      !isDatasetProvenance(r.provenance) ||
      r.accessionNumber === null ||
      !(inBatch.has(r.accessionNumber) || stored.has(r.accessionNumber)),
  );
}

export async function supersedeFilings(
  client: pg.PoolClient,
  records: readonly unknown[],
): Promise<boolean[]> {
  const filings = records as readonly FilingRecord[];
  const keep = await keepMask(client, filings, true);
  const xml = [...xmlInBatch(filings)];
  if (xml.length > 0) {
    await client.query(`DELETE FROM transactions WHERE accession_number = ANY($1) AND provenance <> 'xml'`, [
      xml,
    ]);
    await client.query(`DELETE FROM holdings WHERE accession_number = ANY($1) AND provenance <> 'xml'`, [
      xml,
    ]);
    for (const table of ['filing_owners', 'footnotes']) {
      await client.query(
        `DELETE FROM ${table} WHERE accession_number IN
           (SELECT accession_number FROM filings WHERE accession_number = ANY($1) AND provenance <> 'xml')`,
        [xml],
      );
    }
  }
  return keep;
}

export function supersedeRows(client: pg.PoolClient, records: readonly unknown[]): Promise<boolean[]> {
  return keepMask(client, records as readonly RowRecord[], true);
}
