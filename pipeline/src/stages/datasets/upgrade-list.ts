/**
 * `backfill --upgrade-from-xml`: the filings loaded from a data set, as crawl work. The crawler
 * fetches each one's full submission like any backfill (same rate, breaker and ledger), the
 * parser reads its XML, and the loader and aggregator replace the dataset version in place.
 */
import type pg from 'pg';
import type { DiscoveredFiling } from '../crawler/filing-ledger';

export async function datasetSourcedFilings(pool: pg.Pool): Promise<DiscoveredFiling[]> {
  const { rows } = await pool.query<{
    accession_number: string;
    document_type: string;
    issuer_cik: string;
    filed_date: string | null;
  }>(
    `SELECT accession_number, document_type, issuer_cik, filed_date::text AS filed_date
       FROM filings WHERE provenance <> 'xml' ORDER BY accession_number`,
  );
  return rows.map((r) => ({
    accessionNumber: r.accession_number,
    formType: r.document_type,
    archiveCik: r.issuer_cik,
    issuerCik: r.issuer_cik,
    acceptedAt: null,
    filedDate: r.filed_date,
    source: 'backfill' as const,
  }));
}
