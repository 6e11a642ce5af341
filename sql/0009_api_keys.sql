-- API keys issued with `sec-tracker keys create`. Only a SHA-256 of the key is kept: keys are 32
-- random bytes, so a fast hash is as strong as a slow one here, and lookup stays one index probe.
CREATE TABLE api_keys (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text NOT NULL CHECK (name <> ''),
  key_hash         text NOT NULL UNIQUE,
  -- What the key may do; every data route needs 'read'.
  scopes           text[] NOT NULL DEFAULT '{read}',
  -- Requests per minute for this key; NULL: API_RATE_LIMIT.
  rate_per_minute  integer CHECK (rate_per_minute > 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  -- Updated at most once a minute per key and replica, not on every request.
  last_used_at     timestamptz,
  revoked_at       timestamptz
);

-- /health reports the time of the last load: max(loaded_at) without scanning every filing.
CREATE INDEX filings_loaded_at_idx ON filings (loaded_at);
