import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readProc } from './processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One `stack up`/`down` per STACK_DIR at a time (npm start and a test run may both call
 * ensureStack). A second caller waits; a lock whose holder has exited is taken over.
 * Resolves with the release function.
 */
export async function acquireStackLock(file: string, timeoutMs: number): Promise<() => Promise<void>> {
  const self = await readProc(process.pid);
  const token = JSON.stringify({ pid: process.pid, startTime: self?.startTime ?? '' });
  const deadline = Date.now() + timeoutMs;
  await mkdir(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(token);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
    }
    const holder = await readHolder(file);
    if (!holder.alive) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `another sec-tracker stack command (pid ${holder.pid}) holds ${file}; wait for it to finish`,
      );
    }
    await sleep(500);
  }
}

async function readHolder(file: string): Promise<{ pid?: number; alive: boolean }> {
  try {
    const { pid, startTime } = JSON.parse(await readFile(file, 'utf8')) as { pid: number; startTime: string };
    const proc = await readProc(pid);
    return { pid, alive: proc !== undefined && proc.startTime === startTime };
  } catch {
    // Unreadable or half-written: treat like a dead holder only if it stays so; a writer is quick.
    await sleep(200);
    try {
      JSON.parse(await readFile(file, 'utf8'));
      return { alive: true };
    } catch {
      return { alive: false };
    }
  }
}
