/**
 * EDGAR keeps its clock in US Eastern time: acceptance datetimes (`20260302163512`), the feed's
 * `<updated>` offsets (-05:00 / -04:00), the filing dates and the 22:00 publication of the daily
 * index are all Eastern wall-clock values. These helpers convert them to and from instants using
 * the tz database that ships with Node (full ICU), so DST changes need no hand-written rules.
 */
const OFFSET_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  timeZoneName: 'longOffset',
});

const PARTS_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

const EST_MINUTES = -300;
const EDT_MINUTES = -240;

/** Minutes east of UTC in New York at that instant: -300 (EST) or -240 (EDT). */
export function easternOffsetMinutes(instant: Date): number {
  const name = OFFSET_FORMAT.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) {
    return 0;
  }
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The instant of an Eastern wall-clock time. The repeated autumn hour resolves to EDT (its first
 * occurrence); a time in the skipped spring hour does not exist and is read as EST, which lands
 * one hour later in EDT.
 */
export function easternToInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Try daylight time first so that the ambiguous hour takes its first (EDT) reading; a candidate
  // is right when New York's offset at that instant is the one assumed.
  for (const offset of [EDT_MINUTES, EST_MINUTES]) {
    const candidate = new Date(asUtc - offset * 60_000);
    if (easternOffsetMinutes(candidate) === offset) {
      return candidate;
    }
  }
  return new Date(asUtc - EST_MINUTES * 60_000);
}

/** `20260302163512` (EDGAR's ACCEPTANCE-DATETIME) → instant, or null when malformed. */
export function parseAcceptanceDateTime(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) {
    return null;
  }
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  return easternToInstant(y, mo, d, h, mi, s);
}

/**
 * `20250110160730` → `2025-01-10T16:07:30-05:00`: the acceptance stamp with the Eastern offset in
 * force at that instant, as the filing model stores it; null when malformed.
 */
export function acceptanceToEasternIso(text: string): string | null {
  const instant = parseAcceptanceDateTime(text);
  return instant === null ? null : formatEasternIso(instant);
}

export interface EasternParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function easternParts(instant: Date): EasternParts {
  const parts: Record<string, string> = {};
  for (const p of PARTS_FORMAT.formatToParts(instant)) {
    parts[p.type] = p.value;
  }
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-03-02T16:35:12-05:00`, the form of the Atom feed's `<updated>`. */
export function formatEasternIso(instant: Date): string {
  const p = easternParts(instant);
  const off = easternOffsetMinutes(instant);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The Eastern calendar date of an instant as `YYYY-MM-DD`. */
export function easternDate(instant: Date): string {
  const p = easternParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `20260302163512` for an instant, the inverse of parseAcceptanceDateTime. */
export function formatAcceptanceDateTime(instant: Date): string {
  const p = easternParts(instant);
  return `${p.year}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}
