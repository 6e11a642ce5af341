-- Read-side tables and views the API and users query: footnotes as rows, insiders, issuers with
-- their dated ticker history, and the results of AI analysis of notable activity.

-- Footnotes, one row each; rows reference them through footnote_ids (field -> [ids]).
CREATE TABLE footnotes (
  accession_number text NOT NULL,
  footnote_id      text NOT NULL,
  text             text NOT NULL,
  PRIMARY KEY (accession_number, footnote_id)
);

-- Every reporting owner seen, with the name and roles of their latest filing.
CREATE VIEW insiders AS
SELECT DISTINCT ON (o.owner_cik)
       o.owner_cik AS cik, o.owner_name AS name, o.is_director, o.is_officer, o.is_ten_percent_owner, o.is_other,
       o.officer_title, f.issuer_cik AS latest_issuer_cik, f.accepted_at AS last_filed_at
  FROM filing_owners o JOIN filings f USING (accession_number)
 ORDER BY o.owner_cik, f.accepted_at DESC NULLS LAST;

-- Issuers as their filings name them, with the ticker of the latest filing.
CREATE VIEW issuers AS
SELECT DISTINCT ON (issuer_cik)
       issuer_cik AS cik, issuer_name AS name, issuer_ticker AS ticker, accepted_at AS last_filed_at
  FROM filings
 ORDER BY issuer_cik, accepted_at DESC NULLS LAST;

-- Dated ticker history per issuer: from company_tickers.json (ticker_map, refreshed daily by the
-- crawler) and from the trading symbols filers wrote on their filings.
CREATE VIEW issuer_ticker_history AS
SELECT cik, ticker, min(seen) AS first_seen, max(seen) AS last_seen, array_agg(DISTINCT source) AS sources
  FROM (
    SELECT issuer_cik AS cik, issuer_ticker AS ticker, filed_date AS seen, 'filing' AS source
      FROM filings WHERE issuer_ticker IS NOT NULL AND filed_date IS NOT NULL
    UNION ALL
    SELECT cik, ticker, first_seen, 'company_tickers' FROM ticker_map
    UNION ALL
    SELECT cik, ticker, last_seen, 'company_tickers' FROM ticker_map
  ) seen
 GROUP BY cik, ticker;

-- AI analysis of notable activity (cluster buys, unusual size); one row per subject and model.
CREATE TABLE analysis_results (
  subject_kind text NOT NULL CHECK (subject_kind IN ('cluster', 'filing', 'issuer_day')),
  subject_key  text NOT NULL,
  model        text NOT NULL,
  prompt_hash  text NOT NULL,
  summary      text NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_kind, subject_key, model)
);
