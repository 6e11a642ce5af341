/**
 * The rule-based analysis of one filing: what was traded and by whom, then how it compares with
 * the insider's own history, the plan it was made under, the cluster around it and recent prices.
 * Every sentence is read off the request; nothing is a fixed phrase without numbers. Pure.
 */
import {
  exercisesBeforeSales,
  largestHoldingCut,
  previousPurchases,
  purchaseGap,
  purchasesOf,
  roleOf,
  salesOf,
} from './activity';
import type { HoldingCut, TradeSide } from './activity';
import type { FilingAnalysis, Sentiment } from './analysis-schema';
import { citationsOf, monthsBetween, planFinding, priceFinding } from './findings';
import * as fmt from './format';
import type { AnalysisFiling, AnalysisRequest } from './model';

/** A discretionary sale of at least this share of a holding reads as bearish. */
const BEARISH_CUT = 0.1;
/** Years the analyst looks back for "first purchase since". */
const GAP_YEARS = 2;

function sentimentOf(
  buys: TradeSide,
  sells: TradeSide,
  cut: HoldingCut | null,
  exercised: boolean,
): Sentiment {
  if (buys.rows.length > 0 && sells.rows.length === 0) {
    return buys.tenB5One === true ? 'neutral' : 'bullish';
  }
  if (sells.rows.length > 0 && buys.rows.length === 0) {
    const discretionary = sells.tenB5One !== true && !exercised;
    return discretionary && cut !== null && cut.fraction >= BEARISH_CUT ? 'bearish' : 'neutral';
  }
  if (buys.rows.length > 0) {
    return Number(buys.value) >= Number(sells.value)
      ? 'bullish'
      : sells.tenB5One === true
        ? 'neutral'
        : 'bearish';
  }
  return 'neutral';
}

function filers(filing: AnalysisFiling): string {
  const [first, ...rest] = filing.owners;
  if (!first) {
    return 'The reporting owner';
  }
  const lead = `${first.name ?? `CIK ${first.cik}`} (${roleOf(first)})`;
  return rest.length === 0 ? lead : `${lead} and ${rest.length} joint filer${rest.length > 1 ? 's' : ''}`;
}

function action(verb: 'bought' | 'sold', side: TradeSide, ticker: string): string {
  const at = side.averagePrice === null ? '' : ` at an average ${fmt.price(side.averagePrice)}`;
  return `${verb} ${fmt.shares(side.shares)} ${ticker} shares on the open market for ${fmt.usd(side.value)}${at} ${fmt.onDates(side.firstDate, side.lastDate)}`;
}

function historyFinding(request: AnalysisRequest, buys: TradeSide, ticker: string): string | null {
  const owner = request.filings[0]!.owners[0];
  if (!owner || !buys.firstDate) {
    return null;
  }
  const record = request.insiders.find((r) => r.ownerCik === owner.cik);
  const gap = record ? purchaseGap(record, buys.firstDate, GAP_YEARS) : null;
  const name = owner.name ?? `CIK ${owner.cik}`;
  if (gap?.lastPurchaseDate) {
    return `First open-market purchase of ${ticker} by ${name} since ${gap.lastPurchaseDate}, ${monthsBetween(gap.lastPurchaseDate, buys.firstDate)} months earlier`;
  }
  if (gap) {
    return `No earlier open-market purchase of ${ticker} by ${name} on record, though their filings go back to ${gap.firstFiledDate}`;
  }
  const largest = previousPurchases(request, owner.cik)[0];
  if (largest) {
    const ratio = Number(buys.value) / Number(largest.value);
    return `At ${fmt.usd(buys.value)} it is ${ratio.toFixed(1)}x ${name}'s largest open-market purchase in the lookback (${fmt.usd(largest.value!)} on ${largest.transactionDate})`;
  }
  if (record?.lastPurchaseDate) {
    return `${name}'s previous open-market purchase of ${ticker} was on ${record.lastPurchaseDate}, with no price to compare the size with`;
  }
  return record?.firstFiledDate
    ? `${name} made no open-market purchase of ${ticker} since their first filing on record (${record.firstFiledDate})`
    : `No earlier filings by ${name} at ${ticker} are on record to compare the size with`;
}

function holdingFinding(buys: TradeSide, cut: HoldingCut | null): string | null {
  if (cut) {
    const held = cut.directOrIndirect === 'I' ? 'held indirectly' : 'held directly';
    return `Sold ${fmt.shares(cut.sold)} of ${fmt.shares(cut.before)} shares ${held} (${fmt.percent(cut.fraction)}); ${fmt.shares(cut.after)} remain`;
  }
  const last = [...buys.rows]
    .reverse()
    .find((r) => r.sharesOwnedFollowing !== null && r.directOrIndirect === 'D');
  if (!last) {
    return null;
  }
  const bought = buys.rows
    .filter((r) => r.directOrIndirect === 'D' && r.securityTitle === last.securityTitle)
    .reduce((n, r) => n + Number(r.shares ?? 0), 0);
  const before = Number(last.sharesOwnedFollowing) - bought;
  const growth = before > 0 ? ` (+${fmt.percent(bought / before)})` : '';
  return `The direct holding grows to ${fmt.shares(last.sharesOwnedFollowing!)} shares${growth}`;
}

/** The rule-based analysis of a filing subject (request.filings[0]). */
export function analyzeFiling(request: AnalysisRequest): FilingAnalysis {
  const filing = request.filings[0]!;
  const ticker = request.issuer.ticker ?? request.issuer.name ?? `CIK ${request.issuer.cik}`;
  const buys = purchasesOf(filing);
  const sells = salesOf(filing);
  const cut = largestHoldingCut(filing);
  const exercises = exercisesBeforeSales(filing);
  const clauses = [
    ...(buys.rows.length ? [action('bought', buys, ticker)] : []),
    ...(sells.rows.length ? [action('sold', sells, ticker)] : []),
  ];
  const opening = clauses.length
    ? `${filers(filing)} ${clauses.join(' and ')}.`
    : `${filers(filing)} reported no open-market trades of ${ticker} in this Form ${filing.documentType}.`;
  const history = historyFinding(request, buys, ticker);
  const findings = [
    history,
    holdingFinding(buys, cut),
    ...(buys.rows.length ? [planFinding(filing, buys, 'bought')] : []),
    ...(sells.rows.length ? [planFinding(filing, sells, 'sold')] : []),
    exercises.length
      ? `The same day, ${fmt.shares(exercises.reduce((n, r) => n + Number(r.shares ?? 0), 0))} shares came from an option exercise (code M): an exercise-and-sell rather than a view on the price`
      : null,
    request.cluster
      ? `Part of a cluster buy: ${request.cluster.insiderCount} insiders bought ${fmt.usd(request.cluster.purchaseValue)} of ${ticker} between ${request.cluster.startDate} and ${request.cluster.endDate}`
      : null,
    priceFinding(buys.rows.length ? buys.averagePrice : sells.averagePrice, request.issuerTrades, ticker),
  ].filter((f): f is string => f !== null);
  const lead = history?.startsWith('First open-market purchase') ? ` ${history}.` : '';
  return {
    sentiment: sentimentOf(buys, sells, cut, exercises.length > 0),
    summary: fmt.clip(`${opening}${lead}`, 400),
    keyFindings: findings.slice(0, 6).map((f) => fmt.clip(f, 300)),
    ...citationsOf([{ filing, rows: [...buys.rows, ...sells.rows, ...exercises] }]),
  };
}
