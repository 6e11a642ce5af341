-- The crawler's durable state: which filings exist and how far each one got, each source's
-- cursor, backfill jobs, and the ticker map. Work is shared between crawler processes by leasing
-- ledger rows (SELECT … FOR UPDATE SKIP LOCKED), so two processes never fetch one filing at once,
-- and a crashed process's leases simply expire.

CREATE TABLE crawl_filings (
  accession_number  text PRIMARY KEY,
  form_type         text NOT NULL,
  -- A CIK under whose archive folder the filing can be fetched (issuer or any owner).
  archive_cik       text NOT NULL,
  -- Zero-padded issuer CIK once known (from the feed's Issuer entry or the fetched header).
  issuer_cik        text,
  accepted_at       timestamptz,
  filed_date        date,
  -- Which source discovered it first: live, reconcile, backfill, company, demo.
  source            text NOT NULL,
  -- Lower is fetched first: live 0, reconcile 1, backfills 2.
  priority          smallint NOT NULL DEFAULT 2,
  -- pending → leased → done | skipped (bad input, with reason) | failed (gave up, with reason).
  state             text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'leased', 'done', 'skipped', 'failed')),
  leased_by         text,
  lease_until       timestamptz,
  -- A pending row is not claimed before this (backoff after a retriable failure).
  not_before        timestamptz,
  attempts          integer NOT NULL DEFAULT 0,
  last_error        text,
  discovered_at     timestamptz NOT NULL DEFAULT now(),
  fetched_at        timestamptz,
  -- How many times it was produced to edgar.filings.raw (more than 1 means a duplicate after a crash).
  produced_count    integer NOT NULL DEFAULT 0
);

CREATE INDEX crawl_filings_claim_idx ON crawl_filings (priority, accepted_at DESC)
  WHERE state IN ('pending', 'leased');
CREATE INDEX crawl_filings_filed_date_idx ON crawl_filings (filed_date);

-- Where each source stopped: the live feed's newest accession per form type, the last reconciled
-- day, each backfill job's discovery progress, the last ticker refresh.
CREATE TABLE crawl_cursors (
  source      text PRIMARY KEY,
  cursor      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A backfill (date range or company history) and the filings it is responsible for; a job id is
-- derived from its arguments, so running the same command again resumes it.
CREATE TABLE crawl_jobs (
  job_id       text PRIMARY KEY,
  description  text NOT NULL,
  discovered   boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);

CREATE TABLE crawl_job_items (
  job_id            text NOT NULL REFERENCES crawl_jobs (job_id) ON DELETE CASCADE,
  accession_number  text NOT NULL REFERENCES crawl_filings (accession_number),
  PRIMARY KEY (job_id, accession_number)
);
CREATE INDEX crawl_job_items_accession_idx ON crawl_job_items (accession_number);

-- company_tickers.json over time: a ticker can move to another CIK, and a CIK can change ticker.
CREATE TABLE ticker_map (
  ticker      text NOT NULL,
  cik         text NOT NULL,
  title       text NOT NULL,
  first_seen  date NOT NULL,
  last_seen   date NOT NULL,
  PRIMARY KEY (ticker, cik)
);
CREATE INDEX ticker_map_cik_idx ON ticker_map (cik);
