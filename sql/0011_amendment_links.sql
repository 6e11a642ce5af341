-- amendment_links, redefined as rule 1 of the one amendment rule
-- (pipeline/src/stages/aggregator/corrections.ts, amendmentLinks; README "How amendments are
-- applied"); pipeline/test/integration/amendment-links.int.test.ts holds the two to the same answers.
-- An amendment (3/A, 4/A, 5/A) amends the earlier filings of the same base form, issuer and period
-- of report that share a reporting owner, earlier amendments included (a 4/A of a 4/A corrects
-- both). When its date_of_original_submission names the filed date of an original in that chain,
-- the chain's other originals are left out. "Earlier" is filing order: accepted_at, else
-- filed_date (midnight UTC), else last; then accession number.
-- The 0001 view matched originals only, ignored date_of_original_submission and ordered by
-- accepted_at alone.
CREATE OR REPLACE VIEW amendment_links AS
WITH f AS (
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
chain AS (
  SELECT a.accession_number AS amendment_accession,
         o.accession_number AS original_accession,
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
)
SELECT c.amendment_accession, c.original_accession
  FROM chain c
 WHERE c.original_is_amendment
    OR c.named
    OR NOT EXISTS (SELECT 1 FROM chain n WHERE n.amendment_accession = c.amendment_accession AND n.named);
