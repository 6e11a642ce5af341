/**
 * Sentences the rule-based analyst builds its findings from, each stating one fact read from the
 * request: 10b5-1 status, price against recent trades, what a row cites. Pure.
 */
import { recentPrice } from './activity';
import type { TradeSide } from './activity';
import * as fmt from './format';
import type { AnalysisFiling, AnalysisRow, PastTrade } from './model';

export interface Citations {
  citedRows: { accessionNumber: string; position: number }[];
  citedFootnotes: { accessionNumber: string; footnoteId: string }[];
}

/** The rows given, and every footnote they reference that the filing has, in document order. */
export function citationsOf(
  items: readonly { filing: AnalysisFiling; rows: readonly AnalysisRow[] }[],
): Citations {
  const out: Citations = { citedRows: [], citedFootnotes: [] };
  for (const { filing, rows } of items) {
    const ordered = [...new Map(rows.map((r) => [r.position, r])).values()].sort(
      (a, b) => a.position - b.position,
    );
    const known = new Set(filing.footnotes.map((f) => f.id));
    const ids = new Set(ordered.flatMap((r) => r.footnoteIds.filter((id) => known.has(id))));
    out.citedRows.push(
      ...ordered.map((r) => ({ accessionNumber: filing.accessionNumber, position: r.position })),
    );
    out.citedFootnotes.push(
      ...filing.footnotes
        .filter((f) => ids.has(f.id))
        .map((f) => ({ accessionNumber: filing.accessionNumber, footnoteId: f.id })),
    );
  }
  return out;
}

/** Where the filing says a plan applies: a footnote of the rows, the checkbox, or the remarks. */
function planSource(filing: AnalysisFiling, rows: readonly AnalysisRow[]): string {
  const ids = new Set(rows.flatMap((r) => r.footnoteIds));
  const note = filing.footnotes.find((f) => ids.has(f.id) && /10b5-1/i.test(f.text));
  if (note) {
    return `footnote ${note.id}`;
  }
  return filing.aff10b5One ? 'the Rule 10b5-1 checkbox' : 'the remarks';
}

/** What the filing says about Rule 10b5-1 for one side of its trades. */
export function planFinding(filing: AnalysisFiling, side: TradeSide, verb: 'bought' | 'sold'): string {
  const count = side.rows.length;
  const noun = verb === 'sold' ? 'sale' : 'purchase';
  if (side.tenB5One === true) {
    const subject =
      count === 1 ? `The ${noun} was` : count === 2 ? `Both ${noun}s were` : `All ${count} ${noun}s were`;
    return `${subject} made under a Rule 10b5-1 trading plan (${planSource(filing, side.rows)}), so the timing was set in advance rather than chosen on the day`;
  }
  if (side.tenB5One === false) {
    const subject =
      count === 1
        ? `The ${noun} is not`
        : count === 2
          ? `Neither ${noun} is`
          : `None of the ${count} ${noun}s is`;
    return `${subject} marked as made under a Rule 10b5-1 plan: a discretionary decision of the insider`;
  }
  const planned = side.rows.filter((r) => r.is10b5One === true).length;
  return planned > 0
    ? `${planned} of the ${count} ${noun}s were made under a Rule 10b5-1 plan (${planSource(filing, side.rows)}); the others are not marked as planned`
    : `The filing does not say whether a Rule 10b5-1 plan applies to the ${noun}${count === 1 ? '' : 's'}`;
}

/** The trade's average price against other insiders' recent open-market trades of the issuer. */
export function priceFinding(
  average: number | null,
  others: readonly PastTrade[],
  ticker: string,
): string | null {
  if (average === null) {
    return null;
  }
  const recent = recentPrice(others);
  if (!recent) {
    return `No other insider open-market trades of ${ticker} in the prior 90 days to compare the average price of ${fmt.price(average)} with`;
  }
  const diff = (average - recent.average) / recent.average;
  const relation =
    Math.abs(diff) < 0.005
      ? 'in line with'
      : `${fmt.percent(Math.abs(diff))} ${diff > 0 ? 'above' : 'below'}`;
  const trades =
    recent.trades === 1
      ? '1 other insider open-market trade'
      : `${recent.trades} other insider open-market trades`;
  return `The average price of ${fmt.price(average)} is ${relation} the ${fmt.price(recent.average)} volume-weighted average of ${trades} of ${ticker} from ${fmt.dateSpan(recent.firstDate, recent.lastDate)}`;
}

/** Whole months between two dates, for "31 months earlier". */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}
