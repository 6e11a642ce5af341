/** How numbers read in analyses: US grouping, whole dollars for totals, cents for prices. Pure. */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const dollars = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1,500.5" from "1500.5"; decimals as filed, up to four places. */
export function shares(value: string | number): string {
  return grouped.format(Number(value));
}

/** "$1,234,568" — a total; cents add nothing to a six-figure trade. */
export function usd(value: string | number): string {
  return `$${dollars.format(Number(value))}`;
}

/** "$12.35" — a price per share. */
export function price(value: string | number): string {
  return `$${cents.format(Number(value))}`;
}

/** "24.9%" with one decimal. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** "2026-04-20" or "2026-04-20 to 2026-04-24". */
export function dateSpan(first: string | null, last: string | null): string {
  if (!first || !last) {
    return first ?? last ?? 'an undated day';
  }
  return first === last ? first : `${first} to ${last}`;
}

/** "on 2026-04-20" or "from 2026-04-20 to 2026-04-24". */
export function onDates(first: string | null, last: string | null): string {
  return first && last && first !== last
    ? `from ${first} to ${last}`
    : `on ${first ?? last ?? 'an undated day'}`;
}

/** "A", "A and B", "A, B and C". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) {
    return items[0] ?? '';
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Cuts text to at most `max` characters at a word boundary, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
