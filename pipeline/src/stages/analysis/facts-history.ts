/**
 * What the read model says happened before a subject: the insiders' own open-market trades and
 * record at the issuer, other insiders' recent trades, and the cluster buy around it. "Before"
 * means accepted before the subject's filing and not one of its own trades, so an amendment's
 * original never counts as history of the amendment.
 */
import type pg from 'pg';
import type { ClusterContext, InsiderRecord, PastTrade } from './model';

type Queryable = Pick<pg.Pool, 'query'>;

export interface HistoryScope {
  issuerCik: string;
  /** The subject's insiders. */
  ownerCiks: string[];
  /** The subject's own filings and trade keys, never history of themselves. */
  accessions: string[];
  tradeKeys: string[];
  /** The subject filing's acceptance (ISO); null to take everything on record. */
  acceptedBefore: string | null;
}

const TRADE_COLUMNS = `t.accession_number AS "accessionNumber", t.transaction_date::text AS "transactionDate",
  t.kind, t.shares::text, t.price_per_share::text AS "pricePerShare", t.value::text, t.is_10b5_1 AS "is10b5One"`;
/**
 * A row that an amendment (accepted before `acceptedBefore`, a SQL expression) restates, by the
 * aggregator's restatement rule (rule 2 of aggregator/corrections.ts, over amendment_links for
 * rule 1): same table, security (case and spacing ignored), date, code and ownership. Excluding it
 * counts a corrected trade once, as corrected.
 */
const notRestated = (acceptedBefore: string): string => `NOT EXISTS (
    SELECT 1 FROM amendment_links l JOIN transactions a ON a.accession_number = l.amendment_accession
     WHERE l.original_accession = t.accession_number AND l.issuer_cik = t.issuer_cik AND a.table_kind = t.table_kind
       AND lower(btrim(regexp_replace(coalesce(a.security_title, ''), '\\s+', ' ', 'g')))
         = lower(btrim(regexp_replace(coalesce(t.security_title, ''), '\\s+', ' ', 'g')))
       AND a.transaction_date = t.transaction_date AND a.code IS NOT DISTINCT FROM t.code
       AND a.direct_indirect IS NOT DISTINCT FROM t.direct_indirect
       AND (${acceptedBefore}::timestamptz IS NULL OR a.accepted_at < ${acceptedBefore}::timestamptz))`;
/** Not the subject's own trades, and known before it. */
const NOT_SUBJECT = `NOT (t.accession_number = ANY($3)) AND NOT (t.trade_key = ANY($4))
  AND ($5::timestamptz IS NULL OR t.accepted_at < $5::timestamptz) AND ${notRestated('$5')}`;
/** Several copies of one trade (an ownership chain, an amendment) count once: the latest copy. */
const LATEST_COPY = 't.accepted_at DESC NULLS LAST, t.accession_number DESC';

const byDate = (a: PastTrade, b: PastTrade): number =>
  a.transactionDate.localeCompare(b.transactionDate) || a.accessionNumber.localeCompare(b.accessionNumber);

export async function tradeKeysOf(db: Queryable, accessions: string[]): Promise<string[]> {
  const { rows } = await db.query<{ trade_key: string }>(
    'SELECT DISTINCT trade_key FROM transactions WHERE accession_number = ANY($1)',
    [accessions],
  );
  return rows.map((r) => r.trade_key);
}

function params(scope: HistoryScope): unknown[] {
  return [scope.issuerCik, scope.ownerCiks, scope.accessions, scope.tradeKeys, scope.acceptedBefore];
}

/** The insiders' own open-market trades at the issuer from `from` to `to`, at most `limit`, oldest first. */
export async function insiderHistory(
  db: Queryable,
  scope: HistoryScope,
  from: string,
  to: string,
  limit = 40,
): Promise<PastTrade[]> {
  const { rows } = await db.query<PastTrade>(
    `SELECT DISTINCT ON (o.cik, t.trade_key) o.cik AS "ownerCik", ${TRADE_COLUMNS}
       FROM transactions t CROSS JOIN unnest($2::text[]) AS o(cik)
      WHERE t.issuer_cik = $1 AND t.owner_ciks @> ARRAY[o.cik]
        AND t.kind IN ('open_market_purchase', 'open_market_sale')
        AND t.transaction_date BETWEEN $6::date AND $7::date AND ${NOT_SUBJECT}
      ORDER BY o.cik, t.trade_key, ${LATEST_COPY}`,
    [...params(scope), from, to],
  );
  return rows.sort(byDate).slice(-limit);
}

/** Other insiders' open-market trades of the issuer from `from` to `to`, at most `limit`, oldest first. */
export async function issuerTrades(
  db: Queryable,
  scope: HistoryScope,
  from: string,
  to: string,
  limit = 40,
): Promise<PastTrade[]> {
  const { rows } = await db.query<PastTrade>(
    `SELECT DISTINCT ON (t.trade_key) t.owner_ciks[1] AS "ownerCik", ${TRADE_COLUMNS}
       FROM transactions t
      WHERE t.issuer_cik = $1 AND NOT (t.owner_ciks && $2::text[])
        AND t.kind IN ('open_market_purchase', 'open_market_sale')
        AND t.transaction_date BETWEEN $6::date AND $7::date AND ${NOT_SUBJECT}
      ORDER BY t.trade_key, ${LATEST_COPY}`,
    [...params(scope), from, to],
  );
  return rows.sort(byDate).slice(-limit);
}

/** Each insider's first filing at the issuer and last open-market purchase before `date`. */
export async function insiderRecords(
  db: Queryable,
  scope: HistoryScope,
  date: string,
): Promise<InsiderRecord[]> {
  const { rows } = await db.query<InsiderRecord>(
    `SELECT o.cik AS "ownerCik",
            (SELECT min(f.filed_date)::text FROM filings f
              WHERE f.issuer_cik = $1 AND f.owner_ciks @> ARRAY[o.cik] AND NOT (f.accession_number = ANY($3))
                AND ($5::timestamptz IS NULL OR f.accepted_at < $5::timestamptz)) AS "firstFiledDate",
            (SELECT max(t.transaction_date)::text FROM transactions t
              WHERE t.issuer_cik = $1 AND t.owner_ciks @> ARRAY[o.cik] AND t.kind = 'open_market_purchase'
                AND t.transaction_date < $6::date AND ${NOT_SUBJECT}) AS "lastPurchaseDate"
       FROM unnest($2::text[]) WITH ORDINALITY AS o(cik, n) ORDER BY o.n`,
    [...params(scope), date],
  );
  return rows;
}

/** The active cluster buy of the issuer that the purchases from `first` to `last` by these insiders fall in. */
export async function clusterAround(
  db: Queryable,
  issuerCik: string,
  ownerCiks: string[],
  first: string,
  last: string,
): Promise<ClusterContext | null> {
  const { rows } = await db.query<ClusterContext>(
    `SELECT start_date::text AS "startDate", end_date::text AS "endDate", trigger_date::text AS "triggerDate",
            insider_count AS "insiderCount", owner_ciks AS "ownerCiks", purchase_count AS "purchaseCount",
            purchase_shares::text AS "purchaseShares", purchase_value::text AS "purchaseValue",
            window_days AS "windowDays"
       FROM cluster_events
      WHERE issuer_cik = $1 AND active AND start_date <= $4::date AND end_date >= $3::date AND owner_ciks && $2::text[]
      ORDER BY start_date DESC LIMIT 1`,
    [issuerCik, ownerCiks, first, last],
  );
  return rows[0] ?? null;
}

/** Filings reporting the open-market purchases of a cluster's members in its window (latest copy of each trade). */
export async function clusterFilings(
  db: Queryable,
  issuerCik: string,
  ownerCiks: string[],
  from: string,
  to: string,
): Promise<{ accessions: string[]; buyers: number }> {
  const { rows } = await db.query<{ accession_number: string; owner_ciks: string[] }>(
    `SELECT DISTINCT ON (t.trade_key) t.accession_number, t.owner_ciks
       FROM transactions t
      WHERE t.issuer_cik = $1 AND t.kind = 'open_market_purchase' AND t.owner_ciks && $2::text[]
        AND t.transaction_date BETWEEN $3::date AND $4::date AND ${notRestated('NULL')}
      ORDER BY t.trade_key, ${LATEST_COPY}`,
    [issuerCik, ownerCiks, from, to],
  );
  const buyers = new Set(rows.flatMap((r) => r.owner_ciks.filter((c) => ownerCiks.includes(c))));
  return { accessions: [...new Set(rows.map((r) => r.accession_number))].sort(), buyers: buyers.size };
}
