import { buildOwnershipSubmission, syntheticAccession } from '../fake-edgar';
import type { FakeEdgar } from '../fake-edgar';

/** Weekdays the generated filings are spread over (the backfill range). */
export const FROM = '2026-02-02';
export const TO = '2026-02-27';

export interface CampaignInput {
  readonly total: number;
  /** Accession numbers of the deliberately bad documents (a share count that is not a number). */
  readonly bad: ReadonlySet<string>;
}

function weekdays(): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${FROM}T12:00:00Z`); t <= Date.parse(`${TO}T12:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) {
      out.push(d.toISOString().slice(0, 10));
    }
  }
  return out;
}

/**
 * The same N filings for every run of a campaign: Form 4 purchases by 40 issuers and 300 insiders
 * over the weekdays of February 2026 (so aggregates and cluster buys have something to fold), every
 * 25th one deliberately bad: its share count is not a number, which the parser must dead-letter.
 */
export function addCampaignFilings(fake: FakeEdgar, total: number): CampaignInput {
  const days = weekdays();
  const bad = new Set<string>();
  for (let n = 1; n <= total; n++) {
    const day = days[n % days.length] ?? FROM;
    const accessionNumber = syntheticAccession(n, '0009996101');
    const broken = n % 25 === 0;
    if (broken) {
      bad.add(accessionNumber);
    }
    fake.addFiling(
      buildOwnershipSubmission({
        accessionNumber,
        acceptedAt: new Date(Date.parse(`${day}T09:30:00-05:00`) + (n % 400) * 61_000),
        issuer: {
          cik: String(9995100 + (n % 40)).padStart(10, '0'),
          name: `Chaos Issuer ${n % 40} Inc`,
          ticker: `CI${n % 40}`,
        },
        owners: [{ cik: String(9994100 + (n % 300)).padStart(10, '0'), name: `Chaos Insider ${n % 300}` }],
        purchases: [
          { shares: broken ? 'twelve hundred' : `${100 + (n % 900)}.25`, price: `${10 + (n % 17)}.3456` },
          ...(n % 3 === 0 ? [{ shares: `${50 + (n % 70)}`, price: `${11 + (n % 13)}.5` }] : []),
        ],
      }),
    );
  }
  return { total, bad };
}
