import { expandSqlMacros, relativeMs } from './grafana-macros';

const context = {
  from: new Date('2026-11-01T00:00:00.000Z'),
  to: new Date('2026-12-01T12:30:00.000Z'),
  variables: { min_value: '100000' },
};

describe('expandSqlMacros', () => {
  it('expands time filters, range bounds and variables as Grafana does', () => {
    expect(
      expandSqlMacros(
        'SELECT 1 WHERE $__timeFilter(t.accepted_at) AND d BETWEEN $__timeFrom()::date AND $__timeTo()::date AND v >= ${min_value} AND w > $min_value',
        context,
      ),
    ).toBe(
      "SELECT 1 WHERE t.accepted_at BETWEEN '2026-11-01T00:00:00Z' AND '2026-12-01T12:30:00Z' AND d BETWEEN '2026-11-01T00:00:00Z'::date AND '2026-12-01T12:30:00Z'::date AND v >= 100000 AND w > 100000",
    );
  });

  it('refuses a macro or variable it does not know', () => {
    expect(() => expandSqlMacros('SELECT $__timeGroup(t, 1d)', context)).toThrow(/\$__timeGroup/);
    expect(() => expandSqlMacros('SELECT ${ticker}', context)).toThrow(/\$\{ticker\}/);
  });
});

describe('relativeMs', () => {
  it('reads Grafana relative times', () => {
    expect(relativeMs('now-30d')).toBe(30 * 86400e3);
    expect(relativeMs('7d')).toBe(7 * 86400e3);
    expect(relativeMs('now-6h')).toBe(6 * 3600e3);
  });
});
