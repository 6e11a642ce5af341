/**
 * The crawl ledger in Postgres (`crawl_filings`, sql/0002_crawler.sql): every filing any source
 * discovered, and how far it got. It is what makes the crawler safe to kill at any moment:
 * - discovery is `INSERT … ON CONFLICT DO NOTHING`, so seeing a filing twice adds nothing;
 * - fetching starts with a claim (`FOR UPDATE SKIP LOCKED` + a lease), so two processes never
 *   take the same filing, and a crashed process's claims come back when the lease ends;
 * - a filing is marked done only after Kafka acknowledged it, so a crash in between produces it
 *   again (counted in `produced_count`) instead of losing it.
 */
import type pg from 'pg';

export type CrawlSource = 'live' | 'reconcile' | 'backfill' | 'company' | 'demo';

export const SOURCE_PRIORITY: Record<CrawlSource, number> = {
  live: 0,
  demo: 0,
  reconcile: 1,
  backfill: 2,
  company: 2,
};

export interface DiscoveredFiling {
  accessionNumber: string;
  formType: string;
  archiveCik: string;
  issuerCik: string | null;
  acceptedAt: string | null;
  /** YYYY-MM-DD. */
  filedDate: string | null;
  source: CrawlSource;
}

export interface ClaimedFiling extends DiscoveredFiling {
  attempts: number;
  producedCount: number;
}

export interface JobProgress {
  total: number;
  done: number;
  skipped: number;
  failed: number;
}

interface Row {
  accession_number: string;
  form_type: string;
  archive_cik: string;
  issuer_cik: string | null;
  accepted_at: Date | null;
  filed_date: string | null;
  source: CrawlSource;
  attempts: number;
  produced_count: number;
}

const toClaimed = (r: Row): ClaimedFiling => ({
  accessionNumber: r.accession_number,
  formType: r.form_type,
  archiveCik: r.archive_cik,
  issuerCik: r.issuer_cik,
  acceptedAt: r.accepted_at ? r.accepted_at.toISOString() : null,
  filedDate: r.filed_date,
  source: r.source,
  attempts: r.attempts,
  producedCount: r.produced_count,
});

/**
 * A company backfill skips filings where its CIK is only an owner (reason `not_issuer:<cik>`);
 * discovering one again from a general source, or from another company's history, re-queues it.
 */
export const NOT_ISSUER_PREFIX = 'not_issuer:';

export function createFilingLedger(pool: pg.Pool) {
  return {
    /**
     * Records filings; returns the accessions that are new work (inserted, or re-queued after a
     * company backfill skipped them). With `jobId`, also links every one of them to that job.
     */
    async discover(all: readonly DiscoveredFiling[], jobId?: string): Promise<string[]> {
      // One statement cannot touch a row twice, so an accession listed twice goes in once.
      const filings = [...new Map(all.map((f) => [f.accessionNumber, f])).values()];
      if (filings.length === 0) {
        return [];
      }
      const col = <K extends keyof DiscoveredFiling>(k: K) => filings.map((f) => f[k]);
      const { rows } = await pool.query<{ accession_number: string }>(
        `INSERT INTO crawl_filings AS f
           (accession_number, form_type, archive_cik, issuer_cik, accepted_at, filed_date, source, priority)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[], $7::text[], $8::smallint[])
         ON CONFLICT (accession_number) DO UPDATE
           SET state = 'pending', last_error = NULL, source = EXCLUDED.source, priority = EXCLUDED.priority
           WHERE f.state = 'skipped' AND f.last_error LIKE '${NOT_ISSUER_PREFIX}%'
             AND (EXCLUDED.source <> 'company' OR f.last_error <> '${NOT_ISSUER_PREFIX}' || EXCLUDED.archive_cik)
         RETURNING accession_number`,
        [
          col('accessionNumber'),
          col('formType'),
          col('archiveCik'),
          col('issuerCik'),
          col('acceptedAt'),
          col('filedDate'),
          col('source'),
          filings.map((f) => SOURCE_PRIORITY[f.source]),
        ],
      );
      if (jobId) {
        await pool.query(
          `INSERT INTO crawl_job_items (job_id, accession_number) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
          [jobId, col('accessionNumber')],
        );
      }
      return rows.map((r) => r.accession_number);
    },

    /** Leases up to `limit` filings that are pending (or whose lease ran out), most urgent first. */
    async claim(
      worker: string,
      o: { limit: number; leaseSeconds: number; jobId?: string },
    ): Promise<ClaimedFiling[]> {
      const { rows } = await pool.query<Row>(
        `UPDATE crawl_filings f
            SET state = 'leased', leased_by = $1, lease_until = now() + make_interval(secs => $2), attempts = f.attempts + 1
           FROM (SELECT c.accession_number FROM crawl_filings c
                  WHERE ((c.state = 'pending' AND (c.not_before IS NULL OR c.not_before <= now()))
                         OR (c.state = 'leased' AND c.lease_until < now()))
                    AND ($4::text IS NULL OR EXISTS (
                          SELECT 1 FROM crawl_job_items j WHERE j.job_id = $4 AND j.accession_number = c.accession_number))
                  ORDER BY c.priority, c.accepted_at DESC NULLS LAST, c.accession_number
                  LIMIT $3
                  FOR UPDATE SKIP LOCKED) pick
          WHERE f.accession_number = pick.accession_number
          RETURNING f.*`,
        [worker, o.leaseSeconds, o.limit, o.jobId ?? null],
      );
      return rows.map(toClaimed);
    },

    /** Extends a lease this worker still holds (long retries, breaker pauses); false if it lost it. */
    async renew(accession: string, worker: string, leaseSeconds: number): Promise<boolean> {
      const res = await pool.query(
        `UPDATE crawl_filings SET lease_until = now() + make_interval(secs => $3)
          WHERE accession_number = $1 AND leased_by = $2 AND state = 'leased'`,
        [accession, worker, leaseSeconds],
      );
      return (res.rowCount ?? 0) > 0;
    },

    /** Marks a filing produced; returns how many times it has been produced (2+ is a duplicate). */
    async complete(
      accession: string,
      facts: { formType: string; issuerCik: string | null; acceptedAt: string | null },
    ): Promise<number> {
      const { rows } = await pool.query<{ produced_count: number }>(
        `UPDATE crawl_filings
            SET state = 'done', fetched_at = now(), produced_count = produced_count + 1, leased_by = NULL,
                lease_until = NULL, last_error = NULL, form_type = $2,
                issuer_cik = COALESCE($3, issuer_cik), accepted_at = COALESCE($4::timestamptz, accepted_at)
          WHERE accession_number = $1
          RETURNING produced_count`,
        [accession, facts.formType, facts.issuerCik, facts.acceptedAt],
      );
      return rows[0]?.produced_count ?? 0;
    },

    /** Gives the filing back to the queue, not to be claimed again before `delayMs`. */
    async retryLater(accession: string, worker: string, reason: string, delayMs: number): Promise<void> {
      await pool.query(
        `UPDATE crawl_filings
            SET state = 'pending', leased_by = NULL, lease_until = NULL, last_error = $3,
                not_before = now() + make_interval(secs => $4)
          WHERE accession_number = $1 AND leased_by = $2 AND state = 'leased'`,
        [accession, worker, reason, delayMs / 1000],
      );
    },

    /** Ends the filing's crawl without producing it: `skipped` (bad input) or `failed` (gave up). */
    async finish(accession: string, state: 'skipped' | 'failed', reason: string): Promise<void> {
      await pool.query(
        `UPDATE crawl_filings
            SET state = $2, last_error = $3, leased_by = NULL, lease_until = NULL, fetched_at = now()
          WHERE accession_number = $1`,
        [accession, state, reason],
      );
    },

    /** On a clean stop: hands this worker's leases back at once instead of letting them run out. */
    async releaseAll(worker: string): Promise<number> {
      const res = await pool.query(
        `UPDATE crawl_filings SET state = 'pending', leased_by = NULL, lease_until = NULL
          WHERE leased_by = $1 AND state = 'leased'`,
        [worker],
      );
      return res.rowCount ?? 0;
    },

    async jobProgress(jobId: string): Promise<JobProgress> {
      const { rows } = await pool.query<{ total: string; done: string; skipped: string; failed: string }>(
        `SELECT count(*) AS total,
                count(*) FILTER (WHERE f.state = 'done') AS done,
                count(*) FILTER (WHERE f.state = 'skipped') AS skipped,
                count(*) FILTER (WHERE f.state = 'failed') AS failed
           FROM crawl_job_items j JOIN crawl_filings f USING (accession_number)
          WHERE j.job_id = $1`,
        [jobId],
      );
      const r = rows[0]!;
      return {
        total: Number(r.total),
        done: Number(r.done),
        skipped: Number(r.skipped),
        failed: Number(r.failed),
      };
    },
  };
}

export type FilingLedger = ReturnType<typeof createFilingLedger>;
