-- amendment_links again (the rule of 0011 unchanged), now fast for one filing on a large table.
-- 0011's CTEs were each referenced twice, so Postgres materialized them: every lookup of one
-- filing's links (GET /api/v1/filings/:accession, the analysis stage) joined the whole filings
-- table with itself, about 0.5 s at 330,000 filings. Here the CTEs are NOT MATERIALIZED and
-- "no original of the chain is named" is a window over (issuer_cik, amendment_accession) instead
-- of a correlated NOT EXISTS on the chain, so a filter on amendment_accession or issuer_cik is
-- pushed down to index scans of filings. The view gains issuer_cik (the amendment's and its
-- originals'), for callers that look up by original_accession: filtering by it too keeps the
-- lookup to one issuer's filings.
CREATE OR REPLACE VIEW amendment_links AS
WITH f AS NOT MATERIALIZED (
  SELECT accession_number,
         document_type LIKE '%/A' AS is_amendment,
         regexp_replace(document_type, '/A$', '') AS base_form,
         issuer_cik,
         period_of_report,
         owner_ciks,
         filed_date,
         date_of_original_submission,
         COALESCE(accepted_at, filed_date::timestamp AT TIME ZONE 'UTC', 'infinity'::timestamptz) AS filed_at
    FROM filings
),
chain AS NOT MATERIALIZED (
  SELECT a.accession_number AS amendment_accession,
         o.accession_number AS original_accession,
         a.issuer_cik,
         o.is_amendment AS original_is_amendment,
         (NOT o.is_amendment AND o.filed_date = a.date_of_original_submission) AS named
    FROM f a
    JOIN f o
      ON o.base_form = a.base_form
     AND o.issuer_cik = a.issuer_cik
     AND o.period_of_report IS NOT DISTINCT FROM a.period_of_report
     AND o.owner_ciks && a.owner_ciks
     AND (o.filed_at, o.accession_number COLLATE "C") < (a.filed_at, a.accession_number COLLATE "C")
   WHERE a.is_amendment
),
marked AS (
  SELECT c.*, bool_or(c.named) OVER (PARTITION BY c.issuer_cik, c.amendment_accession) AS any_named
    FROM chain c
)
SELECT amendment_accession, original_accession, issuer_cik
  FROM marked
 WHERE original_is_amendment OR named OR NOT any_named;
