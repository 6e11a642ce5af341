/** Postgres rows in snake_case become API objects in camelCase; NUMERIC stays an exact string. */
export function camelCaseRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'loaded_at') {
      continue;
    }
    out[k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = v;
  }
  return out;
}
