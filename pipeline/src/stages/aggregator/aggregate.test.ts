import { recomputeIssuer, rowScope } from './aggregate';
import { filing, ISSUER } from './fixtures/rows';
import { INSIDER_ROLES } from './model';
import { changedOutputs, digestOf } from './outputs';
import type { EmittedKey } from './outputs';

const RULES = { minInsiders: 3, windowDays: 10, minValue: '0', roles: INSIDER_ROLES };
const purchase = (accession: string, owner: string, date: string) =>
  filing({ accession, owners: [owner] }, [
    { transactionDate: date, shares: '10', pricePerShare: '2', value: '20', tradeKey: `${accession}k` },
  ]);

describe('rowScope', () => {
  it('reaches 89 days back and forward from the changed days', () => {
    expect(rowScope(['2026-03-10', '2026-01-05'])).toEqual({ from: '2025-10-08', to: '2026-06-07' });
    expect(rowScope([])).toBeNull();
  });
});

describe('recomputeIssuer', () => {
  const rows = [
    ...purchase('P-1', 'A', '2026-03-01'),
    ...purchase('P-2', 'B', '2026-03-02'),
    ...purchase('P-3', 'C', '2026-03-03'),
  ];

  it('emits the changed day, the rolling windows it falls in, its insiders, and the clusters', () => {
    const out = recomputeIssuer({
      issuerCik: ISSUER,
      changedDays: ['2026-03-02'],
      rows,
      purchaseRows: rows,
      contexts: new Map(),
      previous: [],
      rules: RULES,
    });
    const keys = out.map((o) => `${o.output} ${o.key}`);
    expect(keys).toEqual([
      `daily ${ISSUER}|2026-03-02`,
      // Windows ending on trade days from 03-02 on: 03-02 and 03-03 (03-01's windows hold no 03-02 trade).
      `rolling ${ISSUER}|7|2026-03-02`,
      `rolling ${ISSUER}|30|2026-03-02`,
      `rolling ${ISSUER}|90|2026-03-02`,
      `rolling ${ISSUER}|7|2026-03-03`,
      `rolling ${ISSUER}|30|2026-03-03`,
      `rolling ${ISSUER}|90|2026-03-03`,
      `insider ${ISSUER}|B|2026-03-02`,
      `cluster ${ISSUER}|2026-03-01`,
    ]);
  });

  it('zeroes a day, an insider-day and deactivates a cluster that later data took away', () => {
    const previous: EmittedKey[] = [
      { output: 'daily', key: `${ISSUER}|2026-03-04`, date: '2026-03-04' },
      { output: 'insider', key: `${ISSUER}|D|2026-03-04`, date: '2026-03-04', ownerCik: 'D' },
      { output: 'cluster', key: `${ISSUER}|2026-02-20`, date: '2026-02-20' },
    ];
    const out = recomputeIssuer({
      issuerCik: ISSUER,
      changedDays: ['2026-03-04'],
      rows,
      purchaseRows: rows,
      contexts: new Map(),
      previous,
      rules: RULES,
    });
    const daily = out.find((o) => o.output === 'daily')!.record;
    expect(daily).toMatchObject({ date: '2026-03-04', distinctInsiders: 0, netValue: '0' });
    expect(out.find((o) => o.output === 'insider')).toMatchObject({ key: `${ISSUER}|D|2026-03-04` });
    const clusters = out.filter((o) => o.output === 'cluster').map((o) => o.record);
    expect(clusters.map((c) => [c.startDate, c.active])).toEqual([
      ['2026-03-01', true],
      ['2026-02-20', false],
    ]);
  });

  it('reports only what changed since the last digests', () => {
    const input = {
      issuerCik: ISSUER,
      changedDays: ['2026-03-02'],
      rows,
      purchaseRows: rows,
      contexts: new Map(),
      previous: [],
      rules: RULES,
    };
    const first = recomputeIssuer(input);
    const previous = first.map((o) => ({ output: o.output, key: o.key, date: o.date, digest: digestOf(o) }));
    expect(changedOutputs(recomputeIssuer({ ...input, previous }), previous)).toEqual([]);
  });
});
