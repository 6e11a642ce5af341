import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisRequest } from './model';
import { NOTABLE_RULES } from './model';
import { clusterReason, notableReasons } from './rules';
import type { NotableRules } from './rules';

const load = (name: string): AnalysisRequest =>
  JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8')) as AnalysisRequest;

const DEFAULTS: NotableRules = {
  enabled: NOTABLE_RULES,
  minPurchaseValue: 100000,
  minSalePercent: 10,
  firstPurchaseYears: 2,
};

describe('notable-activity rules', () => {
  it('flag the CEO purchase for its size, the role and the first purchase since 2023', () => {
    const ceo = load('ceo-first-purchase.request.json');
    expect(notableReasons(ceo, DEFAULTS)).toEqual(ceo.reasons);
  });

  it('flag the CFO plan sale for the role and the 30 % cut of the holding', () => {
    const sale = load('plan-sale.request.json');
    expect(notableReasons(sale, DEFAULTS)).toEqual(sale.reasons);
  });

  it('word a cluster event the way the cluster fixture states it', () => {
    const cluster = load('cluster-buy.request.json');
    expect([clusterReason(cluster.cluster!, 'KGRD')]).toEqual(cluster.reasons);
  });

  it('leave a director buying $80,800 with no record alone', () => {
    const cluster = load('cluster-buy.request.json');
    const brandt = {
      ...cluster,
      filings: [cluster.filings[1]!],
      insiders: [cluster.insiders[1]!],
      cluster: null,
    };
    expect(notableReasons(brandt, DEFAULTS)).toEqual([]);
  });

  it('honour the configured thresholds and the list of enabled rules', () => {
    const ceo = load('ceo-first-purchase.request.json');
    const rules = (r: Partial<NotableRules>) => notableReasons(ceo, { ...DEFAULTS, ...r }).map((x) => x.rule);
    expect(rules({ minPurchaseValue: 197193 })).toEqual(['ceo_cfo_trade', 'first_purchase']);
    expect(rules({ minPurchaseValue: 197192.99 })).toEqual([
      'large_purchase',
      'ceo_cfo_trade',
      'first_purchase',
    ]);
    expect(rules({ enabled: ['large_sale', 'first_purchase'] })).toEqual(['first_purchase']);
    expect(rules({ firstPurchaseYears: 3 })).toEqual(['large_purchase', 'ceo_cfo_trade']);
    const sale = load('plan-sale.request.json');
    expect(notableReasons(sale, { ...DEFAULTS, minSalePercent: 30.3 }).map((x) => x.rule)).toEqual([
      'ceo_cfo_trade',
    ]);
    expect(notableReasons(sale, { ...DEFAULTS, minSalePercent: 30.2 }).map((x) => x.rule)).toEqual([
      'ceo_cfo_trade',
      'large_sale',
    ]);
  });

  it('claim a first purchase only when the record reaches back far enough', () => {
    const ceo = load('ceo-first-purchase.request.json');
    const withRecord = (firstFiledDate: string | null, lastPurchaseDate: string | null) =>
      notableReasons(
        { ...ceo, insiders: [{ ownerCik: '0009991011', firstFiledDate, lastPurchaseDate }] },
        DEFAULTS,
      )
        .filter((r) => r.rule === 'first_purchase')
        .map((r) => r.detail);
    // A purchase 23 months before: not a first purchase in two years.
    expect(withRecord('2023-01-10', '2024-05-20')).toEqual([]);
    // Filings on record for only a year and no purchase: nothing can be said.
    expect(withRecord('2025-04-01', null)).toEqual([]);
    // No purchase, but filings going back more than two years.
    expect(withRecord('2024-03-01', null)).toEqual([
      "Hale Miriam S's first open-market purchase of KGRD on record; their filings go back to 2024-03-01",
    ]);
  });
});
