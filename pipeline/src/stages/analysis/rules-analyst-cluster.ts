/**
 * The rule-based analysis of a cluster buy: who bought how much inside the window, who led it,
 * the roles involved, 10b5-1 status and the price against other recent trades. Pure.
 */
import { daysBetween } from '../../shared/calendar';
import { sumDecimals } from '../../shared/decimal';
import { executivesOf, purchaseGap, purchasesOf, roleOf } from './activity';
import type { FilingAnalysis } from './analysis-schema';
import { citationsOf, priceFinding } from './findings';
import * as fmt from './format';
import type { AnalysisFiling, AnalysisOwner, AnalysisRequest, AnalysisRow, ClusterContext } from './model';

interface MemberBuys {
  owner: AnalysisOwner;
  /** The member's purchases in the window, by the filing that reports them. */
  parts: { filing: AnalysisFiling; rows: AnalysisRow[] }[];
  rows: AnalysisRow[];
  value: string;
}

function inWindow(row: AnalysisRow, cluster: ClusterContext): boolean {
  return (
    row.transactionDate !== null &&
    row.transactionDate >= cluster.startDate &&
    row.transactionDate <= cluster.endDate
  );
}

/** Each member's purchases in the window, from the filings that report them, largest first. */
function membersOf(request: AnalysisRequest, cluster: ClusterContext): MemberBuys[] {
  const byOwner = new Map<string, MemberBuys>();
  for (const filing of request.filings) {
    const rows = purchasesOf(filing).rows.filter((r) => inWindow(r, cluster));
    const owner = filing.owners.find((o) => cluster.ownerCiks.includes(o.cik));
    if (!owner || rows.length === 0) {
      continue;
    }
    const parts = [...(byOwner.get(owner.cik)?.parts ?? []), { filing, rows }];
    const all = parts.flatMap((p) => p.rows);
    byOwner.set(owner.cik, {
      owner,
      parts,
      rows: all,
      value: sumDecimals(all.flatMap((r) => (r.value ? [r.value] : []))),
    });
  }
  return [...byOwner.values()].sort((a, b) => Number(b.value) - Number(a.value));
}

/** "the President and Chief Executive Officer and 2 directors": executives by title, others counted by role. */
function buyerRoles(members: readonly MemberBuys[]): string {
  const counts = new Map<string, number>();
  const executives: string[] = [];
  for (const m of members) {
    const executive = executivesOf(m.parts[0]!.filing).find((o) => o.cik === m.owner.cik);
    if (executive) {
      executives.push(`the ${executive.officerTitle!}`);
    } else {
      counts.set(roleOf(m.owner), (counts.get(roleOf(m.owner)) ?? 0) + 1);
    }
  }
  const others = [...counts].map(([role, n]) =>
    n === 1 ? `${/^[aeiou]/i.test(role) ? 'an' : 'a'} ${role}` : `${n} ${role}s`,
  );
  return fmt.listing([...executives, ...others]);
}

function planFinding(rows: readonly AnalysisRow[]): string {
  const planned = rows.filter((r) => r.is10b5One === true).length;
  if (planned === 0) {
    return `None of the ${rows.length} purchases is marked as made under a Rule 10b5-1 plan: each buyer chose to buy`;
  }
  return `${planned} of the ${rows.length} purchases were made under a Rule 10b5-1 plan, so their timing was set in advance`;
}

/** The rule-based analysis of a cluster-buy subject. */
export function analyzeCluster(request: AnalysisRequest, cluster: ClusterContext): FilingAnalysis {
  const ticker = request.issuer.ticker ?? request.issuer.name ?? `CIK ${request.issuer.cik}`;
  const members = membersOf(request, cluster);
  const rows = members.flatMap((m) => m.rows);
  const priced = rows.filter((r) => r.value !== null && r.shares !== null);
  const pricedShares = Number(sumDecimals(priced.map((r) => r.shares!)));
  const average = pricedShares > 0 ? Number(sumDecimals(priced.map((r) => r.value!))) / pricedShares : null;
  const named = members.slice(0, 3).map((m) => `${m.owner.name ?? m.owner.cik} ${fmt.usd(m.value)}`);
  const more = members.length > 3 ? ` and ${members.length - 3} more` : '';
  const summary = `${cluster.insiderCount} insiders bought ${fmt.shares(cluster.purchaseShares)} ${ticker} shares for ${fmt.usd(cluster.purchaseValue)} on the open market between ${cluster.startDate} and ${cluster.endDate}: ${named.join(', ')}${more}.`;
  const lead = members[0];
  const gaps = members.flatMap((m) => {
    const record = request.insiders.find((r) => r.ownerCik === m.owner.cik);
    const first = m.rows.map((r) => r.transactionDate!).sort()[0]!;
    const gap = record ? purchaseGap(record, first, 2) : null;
    const name = m.owner.name ?? m.owner.cik;
    if (!gap) {
      return [];
    }
    return [
      gap.lastPurchaseDate
        ? `${name}'s first open-market purchase since ${gap.lastPurchaseDate}`
        : `${name}'s first open-market purchase on record (filings since ${gap.firstFiledDate})`,
    ];
  });
  const span = daysBetween(cluster.startDate, cluster.endDate) + 1;
  const findings = [
    lead
      ? `${lead.owner.name ?? lead.owner.cik} (${roleOf(lead.owner)}) led with ${fmt.usd(lead.value)}, ${fmt.percent(Number(lead.value) / Number(cluster.purchaseValue))} of the cluster's value`
      : null,
    `Buyers: ${buyerRoles(members)}`,
    `${cluster.insiderCount} distinct insiders within ${span} day${span > 1 ? 's' : ''}, inside the ${cluster.windowDays}-day window that defines a cluster buy`,
    rows.length ? planFinding(rows) : null,
    gaps.length ? `Includes ${fmt.listing(gaps)}` : null,
    priceFinding(average, request.issuerTrades, ticker),
  ].filter((f): f is string => f !== null);
  return {
    sentiment: 'bullish',
    summary: fmt.clip(summary, 400),
    keyFindings: findings.slice(0, 6).map((f) => fmt.clip(f, 300)),
    ...citationsOf(members.flatMap((m) => m.parts)),
  };
}
