-- AI analysis of notable insider activity (issue 10): the analyses the loader bulk-loads from
-- edgar.analysis.results, and the analyst's own state (content-hash cache, daily token budget).

-- 0004 declared analysis_results before anything wrote it; nothing ever did, so it is replaced by
-- the shape the analysis stage produces rather than altered column by column.
DROP TABLE analysis_results;

-- One row per subject, model and prompt version: the latest outcome of analysing that subject
-- with that model and prompt (a later success replaces a failure). Loaded like every other table,
-- merged on the key, so a replay rewrites the same rows.
CREATE TABLE analysis_results (
  subject_kind      text NOT NULL CHECK (subject_kind IN ('filing', 'cluster')),
  -- The accession number of a filing, or issuerCik|startDate of a cluster buy.
  subject_key       text NOT NULL,
  -- The model asked (ANALYSIS_MODEL), or 'rules' for the rule-based analyst.
  model             text NOT NULL,
  prompt_version    text NOT NULL,
  request_id        text NOT NULL,
  issuer_cik        text NOT NULL,
  issuer_ticker     text,
  -- Every filing the subject covers (one for a filing, the members' filings for a cluster).
  accession_numbers text[] NOT NULL DEFAULT '{}',
  -- The day the activity happened: the filing's last trade date, a cluster's trigger date.
  subject_date      date,
  -- Why it is notable: [{"rule": "large_purchase", "detail": "…"}, …]
  reasons           jsonb NOT NULL DEFAULT '[]',
  source            text NOT NULL CHECK (source IN ('llm', 'rules')),
  -- Why the rule-based analyst answered instead of a model: no_provider or budget_exhausted.
  fallback_reason   text,
  status            text NOT NULL CHECK (status IN ('succeeded', 'failed', 'withdrawn')),
  error_code        text,
  error             text,
  sentiment         text CHECK (sentiment IN ('bullish', 'bearish', 'neutral')),
  summary           text CHECK (char_length(summary) <= 400),
  key_findings      jsonb NOT NULL DEFAULT '[]',
  -- [{"accessionNumber", "position"}], [{"accessionNumber", "footnoteId"}]: each exists in the subject.
  cited_rows        jsonb NOT NULL DEFAULT '[]',
  cited_footnotes   jsonb NOT NULL DEFAULT '[]',
  tokens_in         integer NOT NULL DEFAULT 0,
  tokens_out        integer NOT NULL DEFAULT 0,
  cost_usd          numeric NOT NULL DEFAULT 0,
  latency_ms        integer NOT NULL DEFAULT 0,
  attempts          integer NOT NULL DEFAULT 0,
  content_hash      text NOT NULL,
  requested_at      timestamptz NOT NULL,
  analyzed_at       timestamptz NOT NULL,
  loaded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_kind, subject_key, model, prompt_version),
  CHECK (status <> 'succeeded' OR (sentiment IS NOT NULL AND summary IS NOT NULL))
);
CREATE INDEX analysis_results_date_idx ON analysis_results (subject_date DESC, analyzed_at DESC);
CREATE INDEX analysis_results_ticker_idx ON analysis_results (issuer_ticker, subject_date DESC);
CREATE INDEX analysis_results_accessions_idx ON analysis_results USING gin (accession_numbers);
CREATE INDEX analysis_results_request_idx ON analysis_results (request_id);

-- Successful analyses by the hash of exactly what was (or would be) sent: model, prompt version and
-- messages. The analyst looks here before calling a model, so identical content is never sent
-- twice and a replay of edgar.analysis.requests costs nothing.
CREATE TABLE analysis_cache (
  content_hash text PRIMARY KEY,
  model        text NOT NULL,
  outcome      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Tokens spent (and reserved by calls in flight) per UTC day, shared by every analyst process.
CREATE TABLE analysis_budget (
  day         date PRIMARY KEY,
  tokens_used bigint NOT NULL DEFAULT 0
);
