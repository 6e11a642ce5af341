import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ProcInfo } from './pid-file';

/**
 * The fields of /proc/<pid>/stat we use: name (field 2), state (3) and starttime (22, clock ticks
 * since boot). The name sits in parentheses and may itself hold spaces and ')', so the other fields
 * are counted from the last ')'.
 */
export function parseProcStat(stat: string): { name: string; state: string; startTime: string } | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) {
    return undefined;
  }
  const rest = stat.slice(close + 2).split(' ');
  const state = rest[0];
  const startTime = rest[19];
  if (!state || !startTime) {
    return undefined;
  }
  return { name: stat.slice(open + 1, close), state, startTime };
}

export async function readProc(pid: number): Promise<ProcInfo | undefined> {
  try {
    const [stat, cmdline] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/cmdline`, 'utf8'),
    ]);
    const parsed = parseProcStat(stat);
    // A zombie has exited and only waits to be reaped: gone for our purposes.
    if (!parsed || parsed.state === 'Z') {
      return undefined;
    }
    return {
      startTime: parsed.startTime,
      cmdline: cmdline.split('\0').filter((a) => a !== ''),
      name: parsed.name,
    };
  } catch {
    return undefined;
  }
}

export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts a process in its own session, with stdout and stderr appended to `logFile`, that outlives
 * this one. Resolves once the OS has started it, with its pid and /proc start time.
 */
export async function spawnDetached(launch: Launch): Promise<{ pid: number; startTime: string }> {
  const out = openSync(launch.logFile, 'a');
  try {
    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd,
      detached: true,
      stdio: ['ignore', out, out],
      env: launch.env ?? process.env,
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    const pid = child.pid;
    const proc = pid === undefined ? undefined : await readProc(pid);
    if (pid === undefined || !proc) {
      throw new Error(`${launch.command} exited at once; see ${launch.logFile}`);
    }
    return { pid, startTime: proc.startTime };
  } finally {
    closeSync(out);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signals a pid that may exit at any moment; ESRCH means it already did. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw err;
    }
  }
}

/** Still the same process (pid not reused)? */
async function sameProcess(pid: number, startTime: string): Promise<boolean> {
  return (await readProc(pid))?.startTime === startTime;
}

/**
 * SIGTERM, then SIGKILL once `graceMs` has passed. Checks the start time before each signal, so a
 * pid that was reused in between is left alone.
 */
export async function stopProcess(
  pid: number,
  startTime: string,
  graceMs: number,
): Promise<'gone' | 'terminated' | 'killed'> {
  if (!(await sameProcess(pid, startTime))) {
    return 'gone';
  }
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(200);
    if (!(await sameProcess(pid, startTime))) {
      return 'terminated';
    }
  }
  if (await sameProcess(pid, startTime)) {
    signal(pid, 'SIGKILL');
  }
  for (let i = 0; i < 50 && (await sameProcess(pid, startTime)); i++) {
    await sleep(100);
  }
  return 'killed';
}
