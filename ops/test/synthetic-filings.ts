/**
 * Filings the real-Prometheus test adds to the fake EDGAR next to its fixtures, accepted minutes
 * before the test runs, so the Insider activity panels (this week, the last 30 days) have rows and
 * the end-to-end histogram sees live filings: three directors of one issuer buying $255,000 each
 * on the same day (a cluster buy), and one filing whose share count is not a number (a dead letter).
 */
import { syntheticAccession } from '../../devtools/fake-edgar';
import type { BuiltFilingSpec } from '../../devtools/fake-edgar';

export interface LiveFilings {
  cluster: BuiltFilingSpec[];
  clusterTicker: string;
  bad: BuiltFilingSpec;
  all: BuiltFilingSpec[];
  /** How many of them the loader loads (the bad one is dead-lettered by the parser). */
  loaded: number;
}

export function liveFilings(now: Date): LiveFilings {
  const minutesAgo = (m: number): Date => new Date(now.getTime() - m * 60_000);
  const issuer = { cik: '0009990701', name: 'Harbor Lights Corp', ticker: 'HLTS' };
  const owners = [
    { cik: '0009990801', name: 'Quill Ada' },
    { cik: '0009990802', name: 'Rook Bartholomew' },
    { cik: '0009990803', name: 'Sable Constance' },
  ];
  const cluster = owners.map((owner, i): BuiltFilingSpec => ({
    accessionNumber: syntheticAccession(i + 1, '0009997001'),
    acceptedAt: minutesAgo(4 - i),
    issuer,
    owners: [owner],
    purchases: [{ shares: '10000', price: '25.50' }],
  }));
  const bad: BuiltFilingSpec = {
    accessionNumber: syntheticAccession(9, '0009997001'),
    acceptedAt: minutesAgo(1),
    issuer: { cik: '0009990702', name: 'Ironwood Tidal Inc', ticker: 'IRWT' },
    owners: [{ cik: '0009990804', name: 'Thorne Delia' }],
    purchases: [{ shares: 'not-a-number', price: '10.00' }],
  };
  return { cluster, clusterTicker: issuer.ticker, bad, all: [...cluster, bad], loaded: cluster.length };
}
