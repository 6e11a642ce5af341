/** What `stack up|down|status` found or did, as data (`--json`) and as a short table for people. */
export type ComponentName = 'kafka' | 'registry' | 'postgres' | 'redis' | `kafka-${number}`;

/**
 * running: answers its health check. started: started by this `up` and now healthy.
 * stopped: not running (after `down`, or never started). unhealthy: runs or exists but does not
 * answer. stale: a pid file that no longer names our process. external: not on loopback, so the
 * stack only checks it. missing: a service the stack needs but does not run (Postgres, Redis).
 */
export type ComponentState =
  'running' | 'started' | 'stopped' | 'unhealthy' | 'stale' | 'external' | 'missing';

export interface ComponentReport {
  readonly name: ComponentName;
  readonly state: ComponentState;
  readonly healthy: boolean;
  readonly address: string;
  readonly pid?: number;
  readonly version?: string;
  readonly detail?: string;
}

export interface StackReport {
  readonly action: 'up' | 'down' | 'status';
  /** up/status: every component healthy. down: everything of ours stopped. */
  readonly ok: boolean;
  /** Whether this call started, stopped or cleaned anything. */
  readonly changed: boolean;
  readonly components: readonly ComponentReport[];
  readonly notes: readonly string[];
  readonly elapsedMs: number;
  readonly stackDir: string;
}

/** Pure: the table printed on stdout. */
export function formatReport(report: StackReport): string {
  const rows = report.components.map((c) => [
    c.name,
    c.state,
    c.address,
    c.pid === undefined ? '' : `pid ${c.pid}`,
    c.version ?? '',
    c.detail ?? '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const table = rows.map((r) =>
    r
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell))
      .join('  ')
      .trimEnd(),
  );
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  const head = `stack ${report.action}: ${headline(report)} (${seconds} s, ${report.stackDir})`;
  return (
    [head, ...table.map((line) => `  ${line}`), ...report.notes.map((n) => `  note: ${n}`)].join('\n') + '\n'
  );
}

function headline(report: StackReport): string {
  if (report.action === 'status') {
    return report.ok ? 'all healthy' : 'NOT all healthy';
  }
  if (report.action === 'down') {
    return report.changed ? 'stopped' : 'nothing of ours was running';
  }
  if (!report.ok) {
    return 'FAILED';
  }
  return report.changed ? 'up' : 'already up, nothing changed';
}
