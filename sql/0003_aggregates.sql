-- Aggregates: the aggregator's own state, and the tables the loader fills from the aggregate
-- topics. Append-only: later changes go in new numbered files.

-- ---------------------------------------------------------------------------------------------
-- Aggregator state. The aggregator recomputes an issuer's summaries from these rows, so it can be
-- restarted, replayed and scaled out; its consumed offsets live in loader_offsets under its own
-- group id, committed in the same transaction as this state.

-- Transaction rows as the aggregator keeps them (no holdings, no undated rows), with the filing
-- context each row carries on edgar.transactions.
CREATE TABLE aggregator_rows (
  accession_number  text NOT NULL,
  position          integer NOT NULL,
  issuer_cik        text NOT NULL,
  issuer_ticker     text,
  document_type     text NOT NULL,
  owner_ciks        text[] NOT NULL,
  period_of_report  date NOT NULL,
  filed_date        date,
  -- Kept as filed (ISO-8601 with EDGAR's Eastern offset); only its order matters here.
  accepted_at       text,
  table_kind        text NOT NULL CHECK (table_kind IN ('nonDerivative', 'derivative')),
  security_title    text,
  transaction_date  date NOT NULL,
  code              text,
  direct_indirect   text,
  -- Exact decimal strings as parsed (text, not numeric, so they come back byte for byte).
  shares            text,
  price_per_share   text,
  value             text,
  kind              text NOT NULL,
  is_10b5_1         boolean,
  trade_key         text NOT NULL,
  PRIMARY KEY (accession_number, position)
);
CREATE INDEX aggregator_rows_issuer_date_idx ON aggregator_rows (issuer_cik, transaction_date);
-- Cluster detection reads an issuer's whole purchase history.
CREATE INDEX aggregator_rows_issuer_purchases_idx ON aggregator_rows (issuer_cik)
  WHERE kind = 'open_market_purchase';

-- What rows lack and the filing record carries: owner names and roles, dateOfOriginalSubmission.
CREATE TABLE aggregator_filings (
  accession_number            text PRIMARY KEY,
  issuer_cik                  text NOT NULL,
  date_of_original_submission date,
  owners                      jsonb NOT NULL DEFAULT '[]'
);

-- The last record produced per aggregate key, as a digest: unchanged records are not produced
-- again, and keys that vanish (a correction emptied a day, a cluster dissolved) are known, so
-- they get a zero or inactive record.
CREATE TABLE aggregator_outputs (
  output      text NOT NULL CHECK (output IN ('daily', 'rolling', 'insider', 'cluster')),
  key         text NOT NULL,
  issuer_cik  text NOT NULL,
  -- The day the record is about: the day, the window's end, or the cluster's start.
  day         date NOT NULL,
  owner_cik   text,
  digest      text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (output, key)
);
CREATE INDEX aggregator_outputs_issuer_idx ON aggregator_outputs (issuer_cik, output, day);

-- ---------------------------------------------------------------------------------------------
-- Aggregate tables, loaded from the compacted aggregate topics like every other table.
-- Column groups per side (purchase, sale): total, under a 10b5-1 plan, and not (incl. unknown).
-- Values are exact (numeric); *_unvalued_count counts trades without a price or share count.

CREATE TABLE daily_summaries (
  issuer_cik                   text NOT NULL,
  date                         date NOT NULL,
  issuer_ticker                text,
  purchase_count               integer NOT NULL,
  purchase_shares              numeric NOT NULL,
  purchase_value               numeric NOT NULL,
  purchase_unvalued_count      integer NOT NULL,
  purchase_10b5_1_count        integer NOT NULL,
  purchase_10b5_1_shares       numeric NOT NULL,
  purchase_10b5_1_value        numeric NOT NULL,
  purchase_non_10b5_1_count    integer NOT NULL,
  purchase_non_10b5_1_shares   numeric NOT NULL,
  purchase_non_10b5_1_value    numeric NOT NULL,
  sale_count                   integer NOT NULL,
  sale_shares                  numeric NOT NULL,
  sale_value                   numeric NOT NULL,
  sale_unvalued_count          integer NOT NULL,
  sale_10b5_1_count            integer NOT NULL,
  sale_10b5_1_shares           numeric NOT NULL,
  sale_10b5_1_value            numeric NOT NULL,
  sale_non_10b5_1_count        integer NOT NULL,
  sale_non_10b5_1_shares       numeric NOT NULL,
  sale_non_10b5_1_value        numeric NOT NULL,
  net_shares                   numeric NOT NULL,
  net_value                    numeric NOT NULL,
  -- Other kinds counted apart: {"grant_award": 2, "derivative_trade": 1, …}
  other_kind_counts            jsonb NOT NULL DEFAULT '{}',
  distinct_insiders            integer NOT NULL,
  distinct_buyers              integer NOT NULL,
  distinct_sellers             integer NOT NULL,
  loaded_at                    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer_cik, date)
);
CREATE INDEX daily_summaries_ticker_idx ON daily_summaries (issuer_ticker, date DESC);
CREATE INDEX daily_summaries_date_idx ON daily_summaries (date DESC);

CREATE TABLE rolling_summaries (
  issuer_cik                   text NOT NULL,
  window_days                  integer NOT NULL,
  end_date                     date NOT NULL,
  start_date                   date NOT NULL,
  issuer_ticker                text,
  purchase_count               integer NOT NULL,
  purchase_shares              numeric NOT NULL,
  purchase_value               numeric NOT NULL,
  purchase_unvalued_count      integer NOT NULL,
  purchase_10b5_1_count        integer NOT NULL,
  purchase_10b5_1_shares       numeric NOT NULL,
  purchase_10b5_1_value        numeric NOT NULL,
  purchase_non_10b5_1_count    integer NOT NULL,
  purchase_non_10b5_1_shares   numeric NOT NULL,
  purchase_non_10b5_1_value    numeric NOT NULL,
  sale_count                   integer NOT NULL,
  sale_shares                  numeric NOT NULL,
  sale_value                   numeric NOT NULL,
  sale_unvalued_count          integer NOT NULL,
  sale_10b5_1_count            integer NOT NULL,
  sale_10b5_1_shares           numeric NOT NULL,
  sale_10b5_1_value            numeric NOT NULL,
  sale_non_10b5_1_count        integer NOT NULL,
  sale_non_10b5_1_shares       numeric NOT NULL,
  sale_non_10b5_1_value        numeric NOT NULL,
  net_shares                   numeric NOT NULL,
  net_value                    numeric NOT NULL,
  other_kind_counts            jsonb NOT NULL DEFAULT '{}',
  distinct_insiders            integer NOT NULL,
  distinct_buyers              integer NOT NULL,
  distinct_sellers             integer NOT NULL,
  loaded_at                    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer_cik, window_days, end_date)
);
CREATE INDEX rolling_summaries_ticker_idx ON rolling_summaries (issuer_ticker, window_days, end_date DESC);
-- "Most net buying over the last 30 days, market-wide" scans one window size by end date.
CREATE INDEX rolling_summaries_window_end_idx ON rolling_summaries (window_days, end_date DESC);

CREATE TABLE insider_summaries (
  issuer_cik                   text NOT NULL,
  owner_cik                    text NOT NULL,
  date                         date NOT NULL,
  issuer_ticker                text,
  owner_name                   text,
  is_director                  boolean NOT NULL,
  is_officer                   boolean NOT NULL,
  is_ten_percent_owner         boolean NOT NULL,
  is_other                     boolean NOT NULL,
  officer_title                text,
  purchase_count               integer NOT NULL,
  purchase_shares              numeric NOT NULL,
  purchase_value               numeric NOT NULL,
  purchase_unvalued_count      integer NOT NULL,
  purchase_10b5_1_count        integer NOT NULL,
  purchase_10b5_1_shares       numeric NOT NULL,
  purchase_10b5_1_value        numeric NOT NULL,
  purchase_non_10b5_1_count    integer NOT NULL,
  purchase_non_10b5_1_shares   numeric NOT NULL,
  purchase_non_10b5_1_value    numeric NOT NULL,
  sale_count                   integer NOT NULL,
  sale_shares                  numeric NOT NULL,
  sale_value                   numeric NOT NULL,
  sale_unvalued_count          integer NOT NULL,
  sale_10b5_1_count            integer NOT NULL,
  sale_10b5_1_shares           numeric NOT NULL,
  sale_10b5_1_value            numeric NOT NULL,
  sale_non_10b5_1_count        integer NOT NULL,
  sale_non_10b5_1_shares       numeric NOT NULL,
  sale_non_10b5_1_value        numeric NOT NULL,
  net_shares                   numeric NOT NULL,
  net_value                    numeric NOT NULL,
  other_kind_counts            jsonb NOT NULL DEFAULT '{}',
  loaded_at                    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer_cik, owner_cik, date)
);
CREATE INDEX insider_summaries_owner_idx ON insider_summaries (owner_cik, date DESC);
CREATE INDEX insider_summaries_ticker_idx ON insider_summaries (issuer_ticker, date DESC);

CREATE TABLE cluster_events (
  issuer_cik         text NOT NULL,
  start_date         date NOT NULL,
  end_date           date NOT NULL,
  trigger_date       date NOT NULL,
  issuer_ticker      text,
  -- false: later data dissolved the cluster; kept so a consumer sees the retraction.
  active             boolean NOT NULL,
  insider_count      integer NOT NULL,
  owner_ciks         text[] NOT NULL DEFAULT '{}',
  purchase_count     integer NOT NULL,
  purchase_shares    numeric NOT NULL,
  purchase_value     numeric NOT NULL,
  min_insiders       integer NOT NULL,
  window_days        integer NOT NULL,
  min_value          numeric NOT NULL,
  roles              text[] NOT NULL DEFAULT '{}',
  loaded_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer_cik, start_date)
);
CREATE INDEX cluster_events_ticker_idx ON cluster_events (issuer_ticker, start_date DESC);
CREATE INDEX cluster_events_recent_idx ON cluster_events (trigger_date DESC) WHERE active;
