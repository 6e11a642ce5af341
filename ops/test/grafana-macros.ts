/**
 * Expands the Grafana macros and variables the Insider activity dashboard uses, as Grafana's
 * PostgreSQL data source does, so a test can run a panel's SQL against a real database:
 * `$__timeFilter(col)` → `col BETWEEN 'from' AND 'to'`, `$__timeFrom()`/`$__timeTo()` → quoted
 * RFC 3339 instants, `${name}`/`$name` → the variable's value. Anything else left is an error. Pure.
 */
export interface MacroContext {
  from: Date;
  to: Date;
  variables: Record<string, string>;
}

const instant = (d: Date): string => `'${d.toISOString().replace(/\.\d{3}Z$/, 'Z')}'`;

export function expandSqlMacros(sql: string, c: MacroContext): string {
  const out = sql
    .replace(
      /\$__timeFilter\(([^()]+)\)/g,
      (_, column: string) => `${column.trim()} BETWEEN ${instant(c.from)} AND ${instant(c.to)}`,
    )
    .replace(/\$__timeFrom\(\)/g, instant(c.from))
    .replace(/\$__timeTo\(\)/g, instant(c.to))
    .replace(/\$\{(\w+)\}|\$([A-Za-z_]\w*)/g, (whole, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      const value = c.variables[name];
      if (value === undefined) {
        throw new Error(`no value for ${whole}`);
      }
      return value;
    });
  return out;
}

/** `now-30d`, `7d`, `6h` → milliseconds. */
export function relativeMs(range: string): number {
  const m = /^(?:now-)?(\d+)([smhdw])$/.exec(range);
  if (!m) {
    throw new Error(`unsupported relative time "${range}"`);
  }
  const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[
    m[2] as 's' | 'm' | 'h' | 'd' | 'w'
  ];
  return Number(m[1]) * unit;
}
