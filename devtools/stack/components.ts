import { open, stat } from 'node:fs/promises';
import { classifyPid, readPidFile, removePidFile } from './pid-file';
import type { PidState } from './pid-file';
import type { ManagedComponent, StackPaths } from './paths';
import { readProc } from './processes';

/** What the pid file of a component says, checked against /proc. */
export async function inspectComponent(paths: StackPaths, component: ManagedComponent): Promise<PidState> {
  const record = await readPidFile(paths.pidFile(component));
  if (record === undefined) {
    return { kind: 'absent' };
  }
  if (typeof record === 'string') {
    return { kind: 'stale', reason: `unreadable pid file (${record})` };
  }
  return classifyPid(record, await readProc(record.pid));
}

/** Like inspectComponent, but removes a stale pid file (never signalling its pid). */
export async function inspectAndClean(
  paths: StackPaths,
  component: ManagedComponent,
  onStale: (reason: string) => void,
): Promise<PidState> {
  const state = await inspectComponent(paths, component);
  if (state.kind !== 'stale') {
    return state;
  }
  await removePidFile(paths.pidFile(component));
  onStale(`stale ${component} pid file removed: ${state.reason}; that process was not touched`);
  return { kind: 'absent' };
}

/** The size of a log now (0 when missing), to read only what a process writes from here on. */
export async function logSize(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** The last lines a log got after byte `from` (looking at most 16 KiB back), for error messages. */
export async function logTail(file: string, lines = 15, from = 0): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      // A smaller file than at `from` was rolled over: everything in it is new.
      const start = Math.max(size < from ? 0 : from, size - 16_384);
      const length = size - start;
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, start);
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
