/**
 * Cluster buys: at least `minInsiders` distinct insiders buying the issuer's stock on the open
 * market within a trailing window of `windowDays` calendar days. An insider counts when one of
 * their owners has a configured role and their purchases in the window are worth at least
 * `minValue`. Owners acting as one (joint filing, ownership chain) are one insider.
 *
 * Qualifying windows that overlap form one event, so a buying spree that keeps going is one cluster,
 * not one per day. The event's identity is its issuer and start date (first qualifying purchase).
 */
import { compareDecimals, sumDecimals } from '../../shared/decimal';
import { windowStart } from '../../shared/calendar';
import { insiderGroups } from './insider-groups';
import { INSIDER_ROLES } from './model';
import type { ClusterEvent, ClusterRules, InsiderRole, OwnerInfo, Trade } from './model';
import { isPurchase } from './totals';

export type OwnerLookup = (cik: string) => OwnerInfo | undefined;

function hasRole(owner: OwnerInfo, role: InsiderRole): boolean {
  if (role === 'director') {
    return owner.isDirector;
  }
  if (role === 'officer') {
    return owner.isOfficer;
  }
  if (role === 'ten_percent_owner') {
    return owner.isTenPercentOwner;
  }
  return owner.isOther;
}

function roleAllowed(group: readonly string[], rules: ClusterRules, owners: OwnerLookup): boolean {
  // Every role allowed: no need to know roles (rows can arrive before their filing's owner data).
  if (INSIDER_ROLES.every((r) => rules.roles.includes(r))) {
    return true;
  }
  return group.some((cik) => {
    const owner = owners(cik);
    return owner !== undefined && rules.roles.some((role) => hasRole(owner, role));
  });
}

/** The purchases of the insiders that qualify in the window ending on `endDay`, if enough do. */
function qualifyingPurchases(
  window: readonly Trade[],
  rules: ClusterRules,
  owners: OwnerLookup,
): Trade[] | null {
  const qualifying: Trade[] = [];
  let insiders = 0;
  for (const group of insiderGroups(window.map((t) => t.ownerCiks))) {
    const members = new Set(group);
    const theirs = window.filter((t) => t.ownerCiks.some((cik) => members.has(cik)));
    const value = sumDecimals(theirs.flatMap((t) => (t.row.value === null ? [] : [t.row.value])));
    if (!roleAllowed(group, rules, owners) || compareDecimals(value, rules.minValue) < 0) {
      continue;
    }
    insiders += 1;
    qualifying.push(...theirs);
  }
  return insiders >= rules.minInsiders ? qualifying : null;
}

interface Episode {
  triggerDate: string;
  lastEndDay: string;
  trades: Set<Trade>;
}

export function detectClusterBuys(
  issuer: { cik: string; ticker: string | null },
  trades: readonly Trade[],
  rules: ClusterRules,
  owners: OwnerLookup,
): ClusterEvent[] {
  const purchases = trades
    .filter(isPurchase)
    .sort((a, b) => a.row.transactionDate.localeCompare(b.row.transactionDate));
  const days = [...new Set(purchases.map((t) => t.row.transactionDate))];
  const episodes: Episode[] = [];
  for (const endDay of days) {
    const start = windowStart(endDay, rules.windowDays);
    const window = purchases.filter((t) => t.row.transactionDate >= start && t.row.transactionDate <= endDay);
    const qualifying = qualifyingPurchases(window, rules, owners);
    if (qualifying === null) {
      continue;
    }
    const current = episodes[episodes.length - 1];
    if (current !== undefined && start <= current.lastEndDay) {
      current.lastEndDay = endDay;
      for (const t of qualifying) {
        current.trades.add(t);
      }
    } else {
      episodes.push({ triggerDate: endDay, lastEndDay: endDay, trades: new Set(qualifying) });
    }
  }
  return episodes.map((e) => toEvent(issuer, e, rules));
}

function toEvent(
  issuer: { cik: string; ticker: string | null },
  episode: Episode,
  rules: ClusterRules,
): ClusterEvent {
  const trades = [...episode.trades];
  const dates = trades.map((t) => t.row.transactionDate).sort();
  return {
    issuerCik: issuer.cik,
    issuerTicker: issuer.ticker,
    startDate: dates[0] ?? episode.triggerDate,
    endDate: dates[dates.length - 1] ?? episode.triggerDate,
    triggerDate: episode.triggerDate,
    active: true,
    insiderCount: insiderGroups(trades.map((t) => t.ownerCiks)).length,
    ownerCiks: [...new Set(trades.flatMap((t) => t.ownerCiks))].sort(),
    purchaseCount: trades.length,
    purchaseShares: sumDecimals(trades.flatMap((t) => (t.row.shares === null ? [] : [t.row.shares]))),
    purchaseValue: sumDecimals(trades.flatMap((t) => (t.row.value === null ? [] : [t.row.value]))),
    rules,
  };
}
