/**
 * The aggregator's input state in Postgres: the transaction rows and filing contexts it has seen.
 * Every function runs inside the caller's transaction and returns the (issuer, day) pairs whose
 * aggregates the change affects: the new days, and the old days of rows that moved or vanished.
 */
import type pg from 'pg';
import { isDatasetProvenance } from '../../records/provenance';
import type { FilingChange, RowChange } from './from-records';
import type { TradeRow } from './model';

/** issuer CIK → changed transaction dates. */
export type ChangedDays = Map<string, Set<string>>;

export function addChanged(changed: ChangedDays, issuerCik: string, day: string): void {
  const days = changed.get(issuerCik) ?? new Set<string>();
  days.add(day);
  changed.set(issuerCik, days);
}

const ROW_COLUMNS = `accession_number text, position int, issuer_cik text, issuer_ticker text, document_type text,
  owner_ciks text[], period_of_report date, filed_date date, accepted_at text, table_kind text, security_title text,
  transaction_date date, code text, direct_indirect text, shares text, price_per_share text, value text, kind text,
  is_10b5_1 boolean, trade_key text, provenance text`;

function toDbRow(r: TradeRow, provenance: string): Record<string, unknown> {
  return {
    accession_number: r.accessionNumber,
    position: r.position,
    issuer_cik: r.issuerCik,
    issuer_ticker: r.issuerTicker,
    document_type: r.documentType,
    owner_ciks: r.ownerCiks,
    period_of_report: r.periodOfReport,
    filed_date: r.filedDate,
    accepted_at: r.acceptedAt,
    table_kind: r.table,
    security_title: r.securityTitle,
    transaction_date: r.transactionDate,
    code: r.code,
    direct_indirect: r.directOrIndirect,
    shares: r.shares,
    price_per_share: r.pricePerShare,
    value: r.value,
    kind: r.kind,
    is_10b5_1: r.is10b5One,
    trade_key: r.tradeKey,
    provenance,
  };
}

/**
 * The provenance rule (records/provenance.ts) on the aggregator's state: drops dataset changes of
 * accessions that have an xml version stored or in the batch, whatever order they arrive in.
 */
async function withoutSuperseded<T extends { provenance: string }>(
  client: pg.PoolClient,
  changes: readonly T[],
  accessionOf: (c: T) => string,
): Promise<T[]> {
  const xmlInBatch = new Set(changes.filter((c) => !isDatasetProvenance(c.provenance)).map(accessionOf));
  const datasets = [
    ...new Set(changes.filter((c) => isDatasetProvenance(c.provenance)).map(accessionOf)),
  ].filter((a) => !xmlInBatch.has(a));
  if (datasets.length === 0) {
    return changes.filter((c) => !isDatasetProvenance(c.provenance) || !xmlInBatch.has(accessionOf(c)));
  }
  const { rows } = await client.query<{ accession_number: string }>(
    `SELECT accession_number FROM aggregator_filings WHERE accession_number = ANY($1) AND provenance = 'xml'
     UNION SELECT accession_number FROM aggregator_rows WHERE accession_number = ANY($1) AND provenance = 'xml'`,
    [datasets],
  );
  const stored = new Set(rows.map((r) => r.accession_number));
  return changes.filter(
    (c) =>
      !isDatasetProvenance(c.provenance) || !(xmlInBatch.has(accessionOf(c)) || stored.has(accessionOf(c))),
  );
}

/** Upserts kept rows and deletes dropped ones; the last change of a row in the batch wins. */
export async function applyRowChanges(
  client: pg.PoolClient,
  incoming: readonly RowChange[],
): Promise<ChangedDays> {
  const changes = await withoutSuperseded(client, incoming, (c) =>
    c.keep ? c.row.accessionNumber : c.accessionNumber,
  );
  const latest = new Map<string, RowChange>();
  for (const c of changes) {
    const id = c.keep ? c.row : c;
    latest.set(`${id.accessionNumber}#${id.position}`, c);
  }
  const all = [...latest.values()];
  const ids = all.map((c) => (c.keep ? c.row : c));
  const changed: ChangedDays = new Map();
  const old = await client.query<{ issuer_cik: string; day: string }>(
    `SELECT issuer_cik, transaction_date::text AS day FROM aggregator_rows
      WHERE (accession_number, position) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
    [ids.map((i) => i.accessionNumber), ids.map((i) => i.position)],
  );
  for (const r of old.rows) {
    addChanged(changed, r.issuer_cik, r.day);
  }
  const keptChanges = all.flatMap((c) => (c.keep ? [c] : []));
  const kept = keptChanges.map((c) => c.row);
  const dropped = all.flatMap((c) => (c.keep ? [] : [c]));
  for (const row of kept) {
    addChanged(changed, row.issuerCik, row.transactionDate);
  }
  if (kept.length > 0) {
    const columns = Object.keys(toDbRow(kept[0]!, 'xml'));
    const updates = columns
      .filter((c) => c !== 'accession_number' && c !== 'position')
      .map((c) => `${c} = EXCLUDED.${c}`);
    await client.query(
      `INSERT INTO aggregator_rows (${columns.join(', ')})
       SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${ROW_COLUMNS})
       ON CONFLICT (accession_number, position) DO UPDATE SET ${updates.join(', ')}`,
      [JSON.stringify(keptChanges.map((c) => toDbRow(c.row, c.provenance)))],
    );
  }
  if (dropped.length > 0) {
    await client.query(
      `DELETE FROM aggregator_rows WHERE (accession_number, position) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [dropped.map((d) => d.accessionNumber), dropped.map((d) => d.position)],
    );
  }
  return changed;
}

/**
 * Stores owner data and dateOfOriginalSubmission, trims rows a re-parse no longer yields, and
 * reports the days of the filing's rows (their insider summaries and amendment links may change).
 */
export async function applyFilingChanges(
  client: pg.PoolClient,
  incoming: readonly FilingChange[],
): Promise<ChangedDays> {
  const changes = await withoutSuperseded(client, incoming, (c) => c.context.accessionNumber);
  const latest = new Map(changes.map((c) => [c.context.accessionNumber, c]));
  const all = [...latest.values()];
  const changed: ChangedDays = new Map();
  if (all.length === 0) {
    return changed;
  }
  const accessions = all.map((c) => c.context.accessionNumber);
  await client.query(
    `INSERT INTO aggregator_filings (accession_number, issuer_cik, date_of_original_submission, owners, provenance)
     SELECT accession_number, issuer_cik, date_of_original_submission, owners, provenance
       FROM jsonb_to_recordset($1::jsonb) AS r(accession_number text, issuer_cik text, date_of_original_submission date, owners jsonb, provenance text)
     ON CONFLICT (accession_number) DO UPDATE SET issuer_cik = EXCLUDED.issuer_cik,
       date_of_original_submission = EXCLUDED.date_of_original_submission, owners = EXCLUDED.owners,
       provenance = EXCLUDED.provenance`,
    [
      JSON.stringify(
        all.map((c) => ({
          accession_number: c.context.accessionNumber,
          issuer_cik: c.issuerCik,
          date_of_original_submission: c.context.dateOfOriginalSubmission,
          owners: c.context.owners,
          provenance: c.provenance,
        })),
      ),
    ],
  );
  const days = await client.query<{ issuer_cik: string; day: string }>(
    `SELECT DISTINCT issuer_cik, transaction_date::text AS day FROM aggregator_rows WHERE accession_number = ANY($1::text[])`,
    [accessions],
  );
  for (const r of days.rows) {
    addChanged(changed, r.issuer_cik, r.day);
  }
  // An xml version replaces the dataset version whole: its positions may differ (supersede.ts).
  const xml = all.filter((c) => !isDatasetProvenance(c.provenance)).map((c) => c.context.accessionNumber);
  if (xml.length > 0) {
    await client.query(
      `DELETE FROM aggregator_rows WHERE accession_number = ANY($1) AND provenance <> 'xml'`,
      [xml],
    );
  }
  await client.query(
    `DELETE FROM aggregator_rows r USING unnest($1::text[], $2::int[]) AS f(accession_number, row_count)
      WHERE r.accession_number = f.accession_number AND r.position >= f.row_count`,
    [accessions, all.map((c) => c.rowCount)],
  );
  return changed;
}
