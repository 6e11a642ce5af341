-- Core tables of normalized ownership filings (Forms 3, 4, 5 and amendments) and the loader's
-- own consumed offsets. Append-only: later changes go in new numbered files.

CREATE TABLE filings (
  accession_number            text PRIMARY KEY,
  document_type               text NOT NULL,
  schema_version              text,
  period_of_report            date,
  date_of_original_submission date,
  accepted_at                 timestamptz,
  filed_date                  date,
  issuer_cik                  text NOT NULL CHECK (issuer_cik ~ '^[0-9]{10}$'),
  issuer_name                 text,
  issuer_ticker               text,
  issuer_raw_ticker           text,
  aff10b5_one                 boolean,
  not_subject_to_section16    boolean,
  remarks                     text,
  footnotes                   jsonb NOT NULL DEFAULT '[]',
  signatures                  jsonb NOT NULL DEFAULT '[]',
  owner_ciks                  text[] NOT NULL DEFAULT '{}',
  -- What an amendment (3/A, 4/A, 5/A) amends, as the document states it; see amendment_links.
  amends_document_type        text,
  amends_period_of_report     date,
  amends_owner_ciks           text[],
  row_count                   integer NOT NULL DEFAULT 0,
  source                      text,
  loaded_at                   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filings_issuer_ticker_idx ON filings (issuer_ticker, accepted_at DESC);
CREATE INDEX filings_issuer_cik_idx ON filings (issuer_cik, accepted_at DESC);

-- Reporting owners belong to the filing (a joint filing lists several), never to a row.
CREATE TABLE filing_owners (
  accession_number     text NOT NULL REFERENCES filings ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  position             integer NOT NULL,
  owner_cik            text NOT NULL,
  owner_name           text,
  is_director          boolean NOT NULL,
  is_officer           boolean NOT NULL,
  is_ten_percent_owner boolean NOT NULL,
  is_other             boolean NOT NULL,
  officer_title        text,
  other_text           text,
  PRIMARY KEY (accession_number, position)
);
CREATE INDEX filing_owners_cik_idx ON filing_owners (owner_cik);

-- One row per transaction, from both tables, in document order; (accession, position) is its identity.
-- Rows carry their filing's issuer so the API and aggregates read them without a join.
CREATE TABLE transactions (
  accession_number          text NOT NULL,
  position                  integer NOT NULL,
  table_kind                text NOT NULL CHECK (table_kind IN ('nonDerivative', 'derivative')),
  issuer_cik                text NOT NULL,
  issuer_ticker             text,
  document_type             text NOT NULL,
  filed_date                date,
  accepted_at               timestamptz,
  owner_ciks                text[] NOT NULL DEFAULT '{}',
  security_title            text,
  transaction_date          date,
  deemed_execution_date     date,
  transaction_form_type     text,
  code                      text,
  equity_swap_involved      boolean,
  timeliness                text,
  shares                    numeric,
  price_per_share           numeric,
  total_value               numeric,
  acquired_disposed         text CHECK (acquired_disposed IN ('A', 'D')),
  shares_owned_following    numeric,
  value_owned_following     numeric,
  direct_indirect           text CHECK (direct_indirect IN ('D', 'I')),
  nature_of_ownership       text,
  conversion_exercise_price numeric,
  exercise_date             date,
  expiration_date           date,
  underlying_title          text,
  underlying_shares         numeric,
  underlying_value          numeric,
  value                     numeric,
  kind                      text NOT NULL,
  kind_reason               text NOT NULL,
  is_10b5_1                 boolean,
  ten_b5_one_source         text,
  price_low                 numeric,
  price_high                numeric,
  flags                     text[] NOT NULL DEFAULT '{}',
  trade_key                 text NOT NULL,
  footnote_ids              jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (accession_number, position)
);
CREATE INDEX transactions_issuer_date_idx ON transactions (issuer_cik, transaction_date DESC);
CREATE INDEX transactions_ticker_idx ON transactions (issuer_ticker, transaction_date DESC);
CREATE INDEX transactions_trade_key_idx ON transactions (trade_key);

CREATE TABLE holdings (
  accession_number          text NOT NULL,
  position                  integer NOT NULL,
  table_kind                text NOT NULL CHECK (table_kind IN ('nonDerivative', 'derivative')),
  issuer_cik                text NOT NULL,
  issuer_ticker             text,
  document_type             text NOT NULL,
  filed_date                date,
  accepted_at               timestamptz,
  owner_ciks                text[] NOT NULL DEFAULT '{}',
  security_title            text,
  shares_owned_following    numeric,
  value_owned_following     numeric,
  direct_indirect           text CHECK (direct_indirect IN ('D', 'I')),
  nature_of_ownership       text,
  conversion_exercise_price numeric,
  exercise_date             date,
  expiration_date           date,
  underlying_title          text,
  underlying_shares         numeric,
  underlying_value          numeric,
  flags                     text[] NOT NULL DEFAULT '{}',
  footnote_ids              jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (accession_number, position)
);
CREATE INDEX holdings_issuer_idx ON holdings (issuer_cik);

-- Next offset to load per consumer group and partition, committed with the rows it produced:
-- the loader's source of truth for exactly-once loading (Kafka's committed offset only follows).
CREATE TABLE loader_offsets (
  group_id    text NOT NULL,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);

-- An amendment is its own filing; this links it to the filing(s) it amends: same issuer, same
-- form, same period of report, a reporting owner in common, accepted before the amendment.
-- Rows of the original that the amendment does not restate stay as they are.
CREATE VIEW amendment_links AS
SELECT a.accession_number AS amendment_accession, o.accession_number AS original_accession
  FROM filings a
  JOIN filings o
    ON o.issuer_cik = a.issuer_cik
   AND o.document_type = a.amends_document_type
   AND o.period_of_report = a.amends_period_of_report
   AND o.owner_ciks && a.amends_owner_ciks
   AND (o.accepted_at IS NULL OR a.accepted_at IS NULL OR o.accepted_at < a.accepted_at)
 WHERE a.amends_document_type IS NOT NULL;
