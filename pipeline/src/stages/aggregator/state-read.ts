/**
 * Reads of the aggregator's input state for one issuer's recompute (see aggregate.ts for the scope),
 * inside the caller's transaction. Dates come back as `YYYY-MM-DD` text, decimals as stored text.
 */
import type pg from 'pg';
import type { FilingContext, OwnerInfo, TradeRow } from './model';

interface DbRow {
  accession_number: string;
  position: number;
  issuer_cik: string;
  issuer_ticker: string | null;
  document_type: string;
  owner_ciks: string[];
  period_of_report: string;
  filed_date: string | null;
  accepted_at: string | null;
  table_kind: 'nonDerivative' | 'derivative';
  security_title: string | null;
  transaction_date: string;
  code: string | null;
  direct_indirect: string | null;
  shares: string | null;
  price_per_share: string | null;
  value: string | null;
  kind: string;
  is_10b5_1: boolean | null;
  trade_key: string;
}

const SELECT_ROWS = `SELECT accession_number, position, issuer_cik, issuer_ticker, document_type, owner_ciks,
  period_of_report::text, filed_date::text, accepted_at, table_kind, security_title, transaction_date::text, code,
  direct_indirect, shares, price_per_share, value, kind, is_10b5_1, trade_key FROM aggregator_rows`;

function fromDbRow(r: DbRow): TradeRow {
  return {
    accessionNumber: r.accession_number,
    position: r.position,
    documentType: r.document_type,
    issuerCik: r.issuer_cik,
    issuerTicker: r.issuer_ticker,
    ownerCiks: r.owner_ciks,
    periodOfReport: r.period_of_report,
    filedDate: r.filed_date,
    acceptedAt: r.accepted_at,
    table: r.table_kind,
    securityTitle: r.security_title,
    transactionDate: r.transaction_date,
    code: r.code,
    directOrIndirect: r.direct_indirect,
    shares: r.shares,
    pricePerShare: r.price_per_share,
    value: r.value,
    kind: r.kind,
    is10b5One: r.is_10b5_1,
    tradeKey: r.trade_key,
  };
}

export async function loadRows(
  client: pg.PoolClient,
  issuerCik: string,
  from: string,
  to: string,
): Promise<TradeRow[]> {
  const { rows } = await client.query<DbRow>(
    `${SELECT_ROWS} WHERE issuer_cik = $1 AND transaction_date BETWEEN $2 AND $3`,
    [issuerCik, from, to],
  );
  return rows.map(fromDbRow);
}

export async function loadPurchaseRows(client: pg.PoolClient, issuerCik: string): Promise<TradeRow[]> {
  const { rows } = await client.query<DbRow>(
    `${SELECT_ROWS} WHERE issuer_cik = $1 AND kind = 'open_market_purchase'`,
    [issuerCik],
  );
  return rows.map(fromDbRow);
}

export async function loadContexts(
  client: pg.PoolClient,
  accessions: readonly string[],
): Promise<Map<string, FilingContext>> {
  const { rows } = await client.query<{ accession_number: string; dos: string | null; owners: OwnerInfo[] }>(
    `SELECT accession_number, date_of_original_submission::text AS dos, owners FROM aggregator_filings WHERE accession_number = ANY($1::text[])`,
    [[...new Set(accessions)]],
  );
  return new Map(
    rows.map((r) => [
      r.accession_number,
      { accessionNumber: r.accession_number, dateOfOriginalSubmission: r.dos, owners: r.owners },
    ]),
  );
}
