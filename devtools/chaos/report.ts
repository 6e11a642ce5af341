import type { RunResult } from './campaign';
import { REPLAY_FAULT } from './faults';
import { COMPARED_TABLES, diffTables } from './tables';

export interface CampaignReport {
  readonly text: string;
  readonly ok: boolean;
  readonly lost: number;
  readonly doubled: number;
  readonly faults: number;
}

/** Pure: compares the faulted run with the clean one and words the result, last line first-class. */
export function compareRuns(clean: RunResult, chaos: RunResult, wallMs: number): CampaignReport {
  const diffs = diffTables(clean.rows, chaos.rows);
  const lost = diffs.reduce((n, d) => n + d.lost.length, 0);
  const doubled = diffs.reduce((n, d) => n + d.doubled.length, 0);
  const byKind = new Map<string, number>();
  for (const f of chaos.faults) {
    byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  }
  const unexpected = (run: RunResult) => run.deadLetters.filter((k) => !run.bad.has(k));
  const longest = chaos.faults.reduce<{ ms: number; what: string }>(
    (m, f) => ((f.recoveryMs ?? 0) > m.ms ? { ms: f.recoveryMs ?? 0, what: `${f.kind} ${f.target}` } : m),
    { ms: 0, what: 'none' },
  );
  const lines = [
    'chaos campaign',
    `  faults by kind:   ${[...byKind.entries()].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
    `  filings:          ${chaos.bad.size > 0 ? `${clean.rows.get('filings')?.length ?? 0} loaded of the input, ${chaos.bad.size} deliberately bad` : ''}`,
    `  rows (clean/chaos): ${diffs.map((d) => `${d.table} ${d.cleanRows}/${d.chaosRows}`).join(', ')}`,
    `  dead letters:     clean ${clean.deadLetters.length}, chaos ${chaos.deadLetters.length} (not deliberately bad: ${unexpected(clean).length + unexpected(chaos).length})`,
    `  rows lost:        ${lost}`,
    `  rows doubled:     ${doubled}`,
    `  longest recovery: ${(longest.ms / 1000).toFixed(1)} s (${longest.what})`,
    `  stage exits not caused by a kill: ${chaos.unplannedExits.map((e) => `${e.member}=${e.code}`).join(', ') || 'none'}`,
    `  wall time:        ${(wallMs / 1000).toFixed(0)} s (clean run ${(clean.wallMs / 1000).toFixed(0)} s, faulted run ${(chaos.wallMs / 1000).toFixed(0)} s)`,
  ];
  for (const replay of chaos.faults.filter((f) => f.kind === REPLAY_FAULT)) {
    lines.push(`  replay under load: ${replay.target}`);
  }
  const badOnly = unexpected(clean).length === 0 && unexpected(chaos).length === 0;
  const sameDeadLetters = new Set(clean.deadLetters).size === new Set(chaos.deadLetters).size;
  const first = diffs.find((d) => d.lost.length > 0 || d.doubled.length > 0);
  let last = `lost=${lost} doubled=${doubled} faults=${chaos.faults.length}`;
  if (first) {
    const row = first.lost[0] ?? first.doubled[0] ?? '';
    last = `first difference: ${first.table}: ${first.lost.length > 0 ? 'lost' : 'doubled'} ${row.slice(0, 300)}`;
  } else if (!badOnly) {
    last = `first difference: dead letter for ${[...unexpected(chaos), ...unexpected(clean)][0]}, which is not a deliberately bad document`;
  } else if (!sameDeadLetters) {
    last = `first difference: dead-lettered documents differ (clean ${new Set(clean.deadLetters).size}, chaos ${new Set(chaos.deadLetters).size})`;
  }
  lines.push(last);
  const ok =
    lost === 0 && doubled === 0 && badOnly && sameDeadLetters && COMPARED_TABLES.length === diffs.length;
  return { text: lines.join('\n'), ok, lost, doubled, faults: chaos.faults.length };
}
