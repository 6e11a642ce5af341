-- Indexes for the screener, activity, clusters and stream routes (issue 8). Index-only: no table
-- changes. The screener pages with a keyset over (sort key, accession_number, position); each
-- indexed sort key is a non-null expression (a missing value sorts as the lowest) so one row
-- comparison serves as the cursor predicate and the index serves the ORDER BY … LIMIT.

-- Default screen: newest filings first.
CREATE INDEX transactions_screen_filed_idx
  ON transactions ((coalesce(accepted_at, '-infinity'::timestamptz)) DESC, accession_number DESC, position DESC);
-- Sort by trade date, and trade-date windows market-wide.
CREATE INDEX transactions_screen_traded_idx
  ON transactions ((coalesce(transaction_date, '-infinity'::date)) DESC, accession_number DESC, position DESC);
-- Sort by dollar value ("largest purchases").
CREATE INDEX transactions_screen_value_idx
  ON transactions ((coalesce(value, '-Infinity'::numeric)) DESC, accession_number DESC, position DESC);
-- Filing-date windows market-wide.
CREATE INDEX transactions_filed_date_idx ON transactions (filed_date);
-- An insider's trades across issuers (owner_ciks @> ARRAY[cik]).
CREATE INDEX transactions_owner_ciks_idx ON transactions USING gin (owner_ciks);
-- An insider by name prefix (lower(owner_name) LIKE 'smith%').
CREATE INDEX filing_owners_name_prefix_idx ON filing_owners (lower(owner_name) text_pattern_ops);
-- Recent activity per issuer, newest filing first.
CREATE INDEX transactions_issuer_filed_idx
  ON transactions (issuer_cik, (coalesce(accepted_at, '-infinity'::timestamptz)) DESC, accession_number DESC, position DESC);
-- Market-wide screens by transaction code ("purchases in the last 30 days"): one code's window.
CREATE INDEX transactions_code_filed_idx ON transactions (code, filed_date);
-- Grouped screens count officers among a filing's owners: one probe per (filing, owner).
CREATE INDEX filing_owners_accession_owner_idx ON filing_owners (accession_number, owner_cik) INCLUDE (is_officer);
