import { issuerPartition } from './issuer-partition';

describe('issuerPartition', () => {
  it('ignores zero padding and stays within range', () => {
    expect(issuerPartition('0000320193', 6)).toBe(issuerPartition('320193', 6));
    for (const cik of ['1', '789019', '0001318605', '9990001']) {
      const p = issuerPartition(cik, 6);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(6);
    }
  });

  it('spreads issuers over partitions', () => {
    const seen = new Set(Array.from({ length: 200 }, (_, i) => issuerPartition(String(100000 + i * 7), 6)));
    expect(seen.size).toBe(6);
  });
});
