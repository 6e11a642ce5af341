/**
 * Per-issuer daily and rolling summaries and per-insider daily summaries, from one issuer's
 * economic trades. A requested day without trades yields an all-zero summary: that is how a
 * correction that empties a day reaches the compacted topics and the tables.
 */
import { windowStart } from '../../shared/calendar';
import type {
  InsiderDailySummary,
  IssuerDailySummary,
  IssuerRollingSummary,
  OwnerInfo,
  Trade,
} from './model';
import { issuerActivity, tradeActivity } from './totals';

export interface IssuerRef {
  cik: string;
  ticker: string | null;
}

function byDay(trades: readonly Trade[]): Map<string, Trade[]> {
  const days = new Map<string, Trade[]>();
  for (const t of trades) {
    days.set(t.row.transactionDate, [...(days.get(t.row.transactionDate) ?? []), t]);
  }
  return days;
}

export function dailySummaries(
  issuer: IssuerRef,
  trades: readonly Trade[],
  days: readonly string[],
): IssuerDailySummary[] {
  const grouped = byDay(trades);
  return [...new Set(days)].sort().map((date) => ({
    issuerCik: issuer.cik,
    issuerTicker: issuer.ticker,
    date,
    ...issuerActivity(grouped.get(date) ?? []),
  }));
}

export function rollingSummaries(
  issuer: IssuerRef,
  trades: readonly Trade[],
  endDays: readonly string[],
  windows: readonly number[],
): IssuerRollingSummary[] {
  const out: IssuerRollingSummary[] = [];
  for (const endDate of [...new Set(endDays)].sort()) {
    for (const windowDays of windows) {
      const startDate = windowStart(endDate, windowDays);
      const inWindow = trades.filter(
        (t) => t.row.transactionDate >= startDate && t.row.transactionDate <= endDate,
      );
      out.push({
        issuerCik: issuer.cik,
        issuerTicker: issuer.ticker,
        windowDays,
        startDate,
        endDate,
        ...issuerActivity(inWindow),
      });
    }
  }
  return out;
}

const UNKNOWN_OWNER = {
  name: null,
  isDirector: false,
  isOfficer: false,
  isTenPercentOwner: false,
  isOther: false,
  officerTitle: null,
};

/**
 * One summary per owner and requested day, for the owners with trades that day plus `alsoOwners`
 * (owners summarized before, whose day may now be empty). A joint filing's trade appears in each
 * of its owners' summaries: it is each one's reported trade, so insider totals can add up to more
 * than the issuer's.
 */
export function insiderDailySummaries(
  issuer: IssuerRef,
  trades: readonly Trade[],
  days: readonly string[],
  owners: (cik: string) => OwnerInfo | undefined,
  alsoOwners: readonly { ownerCik: string; date: string }[] = [],
): InsiderDailySummary[] {
  const grouped = byDay(trades);
  const out: InsiderDailySummary[] = [];
  for (const date of [...new Set(days)].sort()) {
    const dayTrades = grouped.get(date) ?? [];
    const ciks = new Set(dayTrades.flatMap((t) => t.ownerCiks));
    for (const extra of alsoOwners) {
      if (extra.date === date) {
        ciks.add(extra.ownerCik);
      }
    }
    for (const ownerCik of [...ciks].sort()) {
      const { cik: _cik, ...info } = owners(ownerCik) ?? { cik: ownerCik, ...UNKNOWN_OWNER };
      out.push({
        issuerCik: issuer.cik,
        issuerTicker: issuer.ticker,
        ownerCik,
        ownerName: info.name,
        isDirector: info.isDirector,
        isOfficer: info.isOfficer,
        isTenPercentOwner: info.isTenPercentOwner,
        isOther: info.isOther,
        officerTitle: info.officerTitle,
        date,
        ...tradeActivity(dayTrades.filter((t) => t.ownerCiks.includes(ownerCik))),
      });
    }
  }
  return out;
}
