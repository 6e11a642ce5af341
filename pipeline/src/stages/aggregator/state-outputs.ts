/**
 * What the aggregator produced last, per aggregate key (see aggregator_outputs in
 * sql/0003_aggregates.sql), and its consumed offsets. Offsets live in `loader_offsets` under the
 * aggregator's own group id and commit in the same transaction as its state, the loader's
 * pattern: after a crash the stored offset, not Kafka's, says where to resume.
 */
import type pg from 'pg';
import { addDays } from '../../shared/calendar';
import { REACH_DAYS } from './aggregate';
import { digestOf } from './outputs';
import type { AggregateOutput, EmittedKey, OutputKind } from './outputs';

/**
 * Serializes work on an issuer across aggregator instances (a rebalance, or rows of one issuer on
 * several partitions): each transaction holds the issuer's lock until it commits. Callers lock in
 * sorted order, so two batches never deadlock.
 */
export async function lockIssuers(client: pg.PoolClient, issuerCiks: readonly string[]): Promise<void> {
  for (const cik of [...issuerCiks].sort()) {
    await client.query(`SELECT pg_advisory_xact_lock(727002, hashtext($1))`, [cik]);
  }
}

/** Keys produced before within the scope of a recompute of `days` (see aggregate.ts). */
export async function previousOutputs(
  client: pg.PoolClient,
  issuerCik: string,
  days: readonly string[],
): Promise<EmittedKey[]> {
  const sorted = [...days].sort();
  if (sorted.length === 0) {
    return [];
  }
  const { rows } = await client.query<{
    output: OutputKind;
    key: string;
    day: string;
    owner_cik: string | null;
    digest: string;
  }>(
    `SELECT output, key, day::text AS day, owner_cik, digest FROM aggregator_outputs
      WHERE issuer_cik = $1 AND (output = 'cluster'
         OR (output IN ('daily', 'insider') AND day = ANY($2::date[]))
         OR (output = 'rolling' AND day BETWEEN $3 AND $4))`,
    [issuerCik, sorted, sorted[0], addDays(sorted[sorted.length - 1]!, REACH_DAYS)],
  );
  return rows.map((r) => ({
    output: r.output,
    key: r.key,
    date: r.day,
    ownerCik: r.owner_cik ?? undefined,
    digest: r.digest,
  }));
}

export async function saveOutputs(client: pg.PoolClient, outputs: readonly AggregateOutput[]): Promise<void> {
  if (outputs.length === 0) {
    return;
  }
  const rows = outputs.map((o) => ({
    output: o.output,
    key: o.key,
    issuer_cik: o.issuerCik,
    day: o.date,
    owner_cik: o.ownerCik ?? null,
    digest: digestOf(o),
  }));
  await client.query(
    `INSERT INTO aggregator_outputs (output, key, issuer_cik, day, owner_cik, digest)
     SELECT output, key, issuer_cik, day, owner_cik, digest
       FROM jsonb_to_recordset($1::jsonb) AS r(output text, key text, issuer_cik text, day date, owner_cik text, digest text)
     ON CONFLICT (output, key) DO UPDATE SET digest = EXCLUDED.digest, day = EXCLUDED.day, updated_at = now()`,
    [JSON.stringify(rows)],
  );
}
