-- Two query-API speed fixes found by `npm run bench:api-queries` at 1,000,000 transactions.
--
-- Search candidates by nearness, not by threshold. With GIN trigram indexes, `term <% name` had
-- to score every name sharing a trigram word with the term: at 16,000 insiders all named
-- "... Smith"-alike, 75 ms for one search. GiST trigram indexes answer `ORDER BY term <<-> name
-- LIMIT n` (word-similarity distance) by walking the index nearest first, in a few milliseconds;
-- the routes keep the same 0.4 word-similarity floor on what they return (api/src/queries/search.ts).
DROP INDEX IF EXISTS insider_search_names_trgm_idx;
CREATE INDEX insider_search_names_trgm_idx ON insider_search_names USING gist (name gist_trgm_ops);
DROP INDEX IF EXISTS issuer_search_terms_trgm_idx;
CREATE INDEX issuer_search_terms_trgm_idx ON issuer_search_terms USING gist (term gist_trgm_ops)
  WHERE NOT is_ticker;
DROP INDEX IF EXISTS ticker_map_title_trgm_idx;
CREATE INDEX ticker_map_title_trgm_idx ON ticker_map USING gist (title gist_trgm_ops);
-- Unused since 0013 moved search to the distinct-name tables, and the two largest indexes any
-- load had to write: the screener's name filter reads insider_search_names as well now.
DROP INDEX IF EXISTS filings_issuer_name_trgm_idx;
DROP INDEX IF EXISTS filing_owners_name_trgm_idx;

-- "An issuer's latest filing" is asked everywhere (names, tickers, latest activity) as ORDER BY
-- accepted_at DESC NULLS LAST: 0001's index (accepted_at DESC, so nulls first) could not give
-- that order, and each lookup read and sorted all of the issuer's filings. Same columns, the
-- order the queries ask for.
DROP INDEX IF EXISTS filings_issuer_cik_idx;
CREATE INDEX filings_issuer_cik_idx ON filings (issuer_cik, accepted_at DESC NULLS LAST);
