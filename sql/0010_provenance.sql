-- Where each filing and row came from: 'xml' (the filing's own ownership XML, what every row
-- loaded before this migration came from) or 'dataset:<quarter>' (an SEC Insider Transactions
-- Data Set, numbers rounded to 2 decimals). An xml version replaces a dataset version of the same
-- accession in place; a dataset version never overwrites an xml one (loader and aggregator).
-- A constant default is a catalog-only change: no table rewrite.
ALTER TABLE filings ADD COLUMN provenance text NOT NULL DEFAULT 'xml';
ALTER TABLE transactions ADD COLUMN provenance text NOT NULL DEFAULT 'xml';
ALTER TABLE holdings ADD COLUMN provenance text NOT NULL DEFAULT 'xml';
ALTER TABLE aggregator_rows ADD COLUMN provenance text NOT NULL DEFAULT 'xml';
ALTER TABLE aggregator_filings ADD COLUMN provenance text NOT NULL DEFAULT 'xml';

-- Dataset-sourced filings, for `backfill --upgrade-from-xml` (fetch their XML) without a scan.
CREATE INDEX filings_dataset_idx ON filings (accession_number) WHERE provenance <> 'xml';

-- Quarters of `sec-tracker backfill --datasets` that were read and produced whole: a rerun skips
-- them (resumable). A quarter that failed has no row here and is tried again.
CREATE TABLE dataset_quarters (
  quarter      text PRIMARY KEY CHECK (quarter ~ '^[0-9]{4}q[1-4]$'),
  source       text NOT NULL,
  filings      integer NOT NULL,
  rows         integer NOT NULL,
  dead_letters integer NOT NULL,
  finished_at  timestamptz NOT NULL DEFAULT now()
);
