/**
 * Redis key builders shared by the loader (which bumps versions) and the API (which reads them).
 * A response is cached under the issuer's current version, so a bump makes every cached answer
 * about that issuer unreachable at once, without scanning for keys.
 */
export const CACHE_KEYS = {
  issuerVersion: (ticker: string) => `sec-tracker:v1:issuer-version:${ticker.toUpperCase()}`,
  response: (route: string, version: string, params: string) =>
    `sec-tracker:v1:api:${route}:${version}:${params}`,
};
