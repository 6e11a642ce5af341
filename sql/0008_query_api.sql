-- Query API (issue 8): search by name with typo tolerance, and indexes so every route reads
-- through an index. Append-only: later changes go in new numbered files.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- /companies/search and /insiders/search: trigram indexes serve `<%` (word similarity, typos) and
-- ILIKE '%…%'; text_pattern_ops serves ticker prefixes (LIKE 'AC%') whatever the collation.
CREATE INDEX filings_issuer_name_trgm_idx ON filings USING gin (issuer_name gin_trgm_ops);
CREATE INDEX filings_issuer_ticker_prefix_idx ON filings (issuer_ticker text_pattern_ops);
CREATE INDEX ticker_map_title_trgm_idx ON ticker_map USING gin (title gin_trgm_ops);
CREATE INDEX ticker_map_ticker_prefix_idx ON ticker_map (ticker text_pattern_ops);
CREATE INDEX filing_owners_name_trgm_idx ON filing_owners USING gin (owner_name gin_trgm_ops);

-- /form4/latest: newest rows market-wide, and the buy/sell company counts over recent acceptances.
CREATE INDEX transactions_accepted_idx ON transactions (accepted_at DESC);
-- "time of the last load".
CREATE INDEX filings_loaded_idx ON filings (loaded_at DESC);
-- /filings/:accession: what amends this filing (amendment_links by original).
CREATE INDEX filings_amends_idx ON filings (issuer_cik, amends_document_type, amends_period_of_report)
  WHERE amends_document_type IS NOT NULL;
