import { alertSignals } from './promql-signals';

describe('alertSignals', () => {
  it.each([
    ['up{job=~"crawler|parser"} == 0', ['up{job=~"crawler|parser"}']],
    [
      'min(sec_tracker_crawler_live_feed_behind_seconds) > 10 * 60',
      ['min(sec_tracker_crawler_live_feed_behind_seconds)'],
    ],
    [
      'sum by (stage, topic) (deriv(x[15m])) > 0\nand sum by (stage, topic) (x) > 100',
      ['sum by (stage, topic) (deriv(x[15m]))', 'sum by (stage, topic) (x)'],
    ],
    [
      'sum by (stage, topic) (lag) > 0 unless on (stage, topic) sum by (stage, topic) (rate(c[10m])) > 0',
      ['sum by (stage, topic) (lag)', 'sum by (stage, topic) (rate(c[10m]))'],
    ],
    ['absent(up{job="crawler"}) or absent(up{job="loader"})', ['up{job="crawler"}', 'up{job="loader"}']],
    [
      'sum(rate(r{status=~"5.."}[5m])) / sum(rate(r[5m])) > 0.05',
      ['sum(rate(r{status=~"5.."}[5m])) / sum(rate(r[5m]))'],
    ],
    ['sum by (stage) (rate(d[30m])) * 3600 > 12', ['sum by (stage) (rate(d[30m])) * 3600']],
    ['x{reason="a > b and c"} >= 2', ['x{reason="a > b and c"}']],
    ['sum(order_total)', ['sum(order_total)']],
  ])('%s', (expr, signals) => {
    expect(alertSignals(expr)).toEqual(signals);
  });

  it('refuses an expression with the signal on the right', () => {
    expect(() => alertSignals('0.05 < sum(rate(x[5m]))')).toThrow(/constant threshold/);
  });
});
