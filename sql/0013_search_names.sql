-- Search (/companies/search, /insiders/search) over the distinct names and tickers, not over every
-- filing: a company files thousands of times under one name, so a trigram search of `filings` scored
-- the same name thousands of times (seconds at 200,000 filings). Kept by statement-level triggers
-- with transition tables (one INSERT … SELECT per loaded batch, not one per row), so the loader's
-- bulk path stays a bulk path. Names are only added: a company found by a former name is still found.

CREATE TABLE issuer_search_terms (
  cik text NOT NULL,
  term text NOT NULL,
  is_ticker boolean NOT NULL,
  PRIMARY KEY (cik, is_ticker, term)
);
CREATE INDEX issuer_search_terms_trgm_idx ON issuer_search_terms USING gin (term gin_trgm_ops) WHERE NOT is_ticker;
CREATE INDEX issuer_search_terms_ticker_idx ON issuer_search_terms (term text_pattern_ops) WHERE is_ticker;

CREATE TABLE insider_search_names (
  cik text NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (cik, name)
);
CREATE INDEX insider_search_names_trgm_idx ON insider_search_names USING gin (name gin_trgm_ops);

CREATE FUNCTION remember_issuer_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO issuer_search_terms (cik, term, is_ticker)
  SELECT DISTINCT issuer_cik, issuer_name, false FROM new_filings WHERE issuer_name IS NOT NULL
  UNION
  SELECT DISTINCT issuer_cik, issuer_ticker, true FROM new_filings WHERE issuer_ticker IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION remember_insider_search_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insider_search_names (cik, name)
  SELECT DISTINCT owner_cik, owner_name FROM new_owners WHERE owner_name IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- A trigger with transition tables has one event: one for rows inserted, one for rows updated
-- (INSERT … ON CONFLICT DO UPDATE fires the update one for the rows it updates).
CREATE TRIGGER filings_search_terms_insert AFTER INSERT ON filings
  REFERENCING NEW TABLE AS new_filings FOR EACH STATEMENT EXECUTE FUNCTION remember_issuer_search_terms();
CREATE TRIGGER filings_search_terms_update AFTER UPDATE ON filings
  REFERENCING NEW TABLE AS new_filings FOR EACH STATEMENT EXECUTE FUNCTION remember_issuer_search_terms();
CREATE TRIGGER filing_owners_search_names_insert AFTER INSERT ON filing_owners
  REFERENCING NEW TABLE AS new_owners FOR EACH STATEMENT EXECUTE FUNCTION remember_insider_search_names();
CREATE TRIGGER filing_owners_search_names_update AFTER UPDATE ON filing_owners
  REFERENCING NEW TABLE AS new_owners FOR EACH STATEMENT EXECUTE FUNCTION remember_insider_search_names();

INSERT INTO issuer_search_terms (cik, term, is_ticker)
SELECT DISTINCT issuer_cik, issuer_name, false FROM filings WHERE issuer_name IS NOT NULL
UNION
SELECT DISTINCT issuer_cik, issuer_ticker, true FROM filings WHERE issuer_ticker IS NOT NULL
ON CONFLICT DO NOTHING;
INSERT INTO insider_search_names (cik, name)
SELECT DISTINCT owner_cik, owner_name FROM filing_owners WHERE owner_name IS NOT NULL
ON CONFLICT DO NOTHING;
