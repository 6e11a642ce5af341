/**
 * `Retry-After` as EDGAR (and any HTTP server) may send it: delta-seconds or an HTTP-date.
 * Returns milliseconds to wait, or null when absent or unreadable. Capped so a broken header
 * cannot park a crawler for days.
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
  capMs = 15 * 60_000,
): number | null {
  if (!header) {
    return null;
  }
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.min(capMs, Math.round(Number(text) * 1000));
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) {
    return null;
  }
  return Math.min(capMs, Math.max(0, at - now));
}
