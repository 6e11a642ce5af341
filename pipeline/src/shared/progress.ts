/**
 * The backfill progress line: bar, done/total, percent, rate and ETA. The rate counts only what
 * this run finished, so a resumed backfill does not claim the earlier run's work as speed.
 */
export interface ProgressSample {
  done: number;
  total: number;
  /** `done` when this run started. */
  doneAtStart: number;
  elapsedMs: number;
  failed?: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '--:--';
  }
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

export function formatProgress(p: ProgressSample, width = 30): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(fraction * width);
  const rate = p.elapsedMs > 0 ? ((p.done - p.doneAtStart) * 1000) / p.elapsedMs : 0;
  const remaining = p.total - p.done;
  const eta = remaining <= 0 ? 0 : rate > 0 ? (remaining / rate) * 1000 : Infinity;
  const failed = p.failed ? `  ${p.failed} failed/skipped` : '';
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ` +
    `${(fraction * 100).toFixed(1)}%  ${rate.toFixed(1)}/s  ETA ${formatDuration(eta)}${failed}`
  );
}
