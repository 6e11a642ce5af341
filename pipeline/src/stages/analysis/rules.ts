/**
 * The notable-activity rules: which filings deserve an analysis. Each rule that fires says what it
 * saw, with the numbers, so the request (and the stored result) explains why it was made. Cluster
 * buys are detected by the aggregator; `clusterReason` words its events the same way. Pure.
 */
import { compareDecimals } from '../../shared/decimal';
import { executivesOf, largestHoldingCut, purchaseGap, purchasesOf, roleOf, salesOf } from './activity';
import * as fmt from './format';
import type { ClusterContext, NotableReason, NotableRule, SubjectFacts } from './model';

export interface NotableRules {
  /** Rules that may fire (ANALYSIS_RULES). */
  enabled: readonly NotableRule[];
  /** large_purchase: open-market purchases in one filing worth more than this. @defaultValue 100000 */
  minPurchaseValue: number;
  /** large_sale: open-market sales of more than this percent of a holding. @defaultValue 10 */
  minSalePercent: number;
  /** first_purchase: years without an open-market purchase. @defaultValue 2 */
  firstPurchaseYears: number;
}

function ownerName(facts: SubjectFacts, cik: string): string {
  return facts.filings[0]?.owners.find((o) => o.cik === cik)?.name ?? `CIK ${cik}`;
}

function largePurchase(facts: SubjectFacts, rules: NotableRules): NotableReason | null {
  const buys = purchasesOf(facts.filings[0]!);
  if (buys.rows.length === 0 || compareDecimals(buys.value, String(rules.minPurchaseValue)) <= 0) {
    return null;
  }
  return {
    rule: 'large_purchase',
    detail: `Open-market purchases of ${fmt.shares(buys.shares)} shares for ${fmt.usd(buys.value)}, above ${fmt.usd(rules.minPurchaseValue)}`,
  };
}

function executiveTrade(facts: SubjectFacts): NotableReason | null {
  const filing = facts.filings[0]!;
  const executives = executivesOf(filing);
  const bought = purchasesOf(filing).rows.length > 0;
  const sold = salesOf(filing).rows.length > 0;
  if (executives.length === 0 || (!bought && !sold)) {
    return null;
  }
  const verb = bought && sold ? 'bought and sold' : bought ? 'bought' : 'sold';
  const who = fmt.listing(executives.map((o) => `${o.name ?? o.cik} (${roleOf(o)})`));
  return { rule: 'ceo_cfo_trade', detail: `${who} ${verb} on the open market` };
}

function firstPurchase(facts: SubjectFacts, rules: NotableRules): NotableReason | null {
  const buys = purchasesOf(facts.filings[0]!);
  if (!buys.firstDate) {
    return null;
  }
  for (const record of facts.insiders) {
    const gap = purchaseGap(record, buys.firstDate, rules.firstPurchaseYears);
    if (!gap) {
      continue;
    }
    const name = ownerName(facts, gap.ownerCik);
    const ticker = facts.issuer.ticker ?? facts.issuer.name ?? facts.issuer.cik;
    const detail = gap.lastPurchaseDate
      ? `${name}'s first open-market purchase of ${ticker} since ${gap.lastPurchaseDate}`
      : `${name}'s first open-market purchase of ${ticker} on record; their filings go back to ${gap.firstFiledDate}`;
    return { rule: 'first_purchase', detail };
  }
  return null;
}

function largeSale(facts: SubjectFacts, rules: NotableRules): NotableReason | null {
  const cut = largestHoldingCut(facts.filings[0]!);
  if (!cut || cut.fraction * 100 <= rules.minSalePercent) {
    return null;
  }
  const held = cut.directOrIndirect === 'I' ? 'held indirectly' : 'held directly';
  return {
    rule: 'large_sale',
    detail: `Sold ${fmt.shares(cut.sold)} of ${fmt.shares(cut.before)} shares of ${cut.securityTitle ?? 'the security'} ${held} (${fmt.percent(cut.fraction)}), above ${rules.minSalePercent}%`,
  };
}

/** The rules that fire for a filing subject (facts.filings[0]), in a fixed order. */
export function notableReasons(facts: SubjectFacts, rules: NotableRules): NotableReason[] {
  if (facts.filings.length === 0) {
    return [];
  }
  const checks: [NotableRule, () => NotableReason | null][] = [
    ['large_purchase', () => largePurchase(facts, rules)],
    ['ceo_cfo_trade', () => executiveTrade(facts)],
    ['first_purchase', () => firstPurchase(facts, rules)],
    ['large_sale', () => largeSale(facts, rules)],
  ];
  return checks.flatMap(([rule, check]) => {
    const reason = rules.enabled.includes(rule) ? check() : null;
    return reason ? [reason] : [];
  });
}

/** The reason a cluster-buy subject carries. */
export function clusterReason(cluster: ClusterContext, ticker: string): NotableReason {
  return {
    rule: 'cluster_buy',
    detail: `${cluster.insiderCount} insiders bought ${fmt.shares(cluster.purchaseShares)} shares of ${ticker} for ${fmt.usd(cluster.purchaseValue)} on the open market between ${cluster.startDate} and ${cluster.endDate}`,
  };
}
