/** One progress line: done/total, percentage, rate and ETA (for backfills, replays, loads). */
export function formatProgress(done: number, total: number, elapsedMs: number, unit: string): string {
  const pct = total > 0 ? Math.min(100, (done / total) * 100) : 100;
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const etaS = rate > 0 ? Math.max(0, (total - done) / rate) : undefined;
  const eta =
    etaS === undefined
      ? '--'
      : etaS >= 3600
        ? `${(etaS / 3600).toFixed(1)}h`
        : etaS >= 60
          ? `${Math.round(etaS / 60)}m`
          : `${Math.round(etaS)}s`;
  const width = 24;
  const filled = Math.round((pct / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit} ${pct.toFixed(1)}%  ${rate.toFixed(0)}/s  ETA ${eta}`;
}
