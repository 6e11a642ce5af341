import { readFile, rm, writeFile } from 'node:fs/promises';
import type { ManagedComponent } from './paths';

/**
 * What `stack up` records about a process it started. A pid alone is not enough: after the process
 * dies the kernel may hand the same pid to an unrelated program, which `down` must never signal.
 * `startTime` (field 22 of /proc/<pid>/stat, in clock ticks since boot) changes when a pid is reused,
 * and `marker` (a -D flag naming STACK_DIR) must still be on the command line.
 */
export interface PidRecord {
  readonly component: ManagedComponent;
  readonly pid: number;
  readonly startTime: string;
  readonly marker: string;
  readonly version: string;
  readonly address: string;
  readonly startedAt: string;
}

/** What /proc says about a pid right now. */
export interface ProcInfo {
  readonly startTime: string;
  readonly cmdline: readonly string[];
  readonly name: string;
}

export type PidState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'ours'; readonly record: PidRecord }
  | { readonly kind: 'stale'; readonly reason: string; readonly record?: PidRecord };

/** The -D flag that marks a JVM as a component of the stack at `root`. */
export function markerFlag(root: string, component: ManagedComponent): string {
  return `-Dsec-tracker.stack=${root}#${component}`;
}

/** Pure: is the recorded process still the one we started? */
export function classifyPid(record: PidRecord, proc: ProcInfo | undefined): PidState {
  if (!proc) {
    return { kind: 'stale', record, reason: `pid ${record.pid} is no longer running` };
  }
  if (proc.startTime !== record.startTime) {
    return {
      kind: 'stale',
      record,
      reason: `pid ${record.pid} now belongs to another program (${proc.name}, started later)`,
    };
  }
  if (!proc.cmdline.includes(record.marker)) {
    return {
      kind: 'stale',
      record,
      reason: `pid ${record.pid} (${proc.name}) is not a ${record.component} of this stack`,
    };
  }
  return { kind: 'ours', record };
}

/** Pure: the parsed pid file, or why it cannot be trusted. */
export function parsePidRecord(text: string): PidRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const r = value as Partial<PidRecord> | null;
  const valid =
    r !== null &&
    typeof r === 'object' &&
    (r.component === 'kafka' || r.component === 'registry' || /^kafka-\d+$/.test(r.component ?? '')) &&
    Number.isInteger(r.pid) &&
    (r.pid ?? 0) > 1 &&
    typeof r.startTime === 'string' &&
    typeof r.marker === 'string' &&
    typeof r.version === 'string' &&
    typeof r.address === 'string' &&
    typeof r.startedAt === 'string';
  return valid ? (r as PidRecord) : 'missing fields';
}

export async function readPidFile(file: string): Promise<PidRecord | string | undefined> {
  try {
    return parsePidRecord(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw err;
  }
}

export async function writePidFile(file: string, record: PidRecord): Promise<void> {
  await writeFile(file, JSON.stringify(record, null, 2) + '\n');
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}
