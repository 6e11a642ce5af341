import { logSize, logTail } from './components';
import { waitUntilHealthy } from './health';
import type { ManagedComponent } from './paths';
import { removePidFile } from './pid-file';
import type { PidRecord, PidState } from './pid-file';
import type { Problem } from './prerequisites';
import { readProc, stopProcess } from './processes';
import type { ComponentReport } from './report';
import type { StackSetup } from './setup';

type Probe = () => Promise<{ version?: string }>;

/** An error whose problem is already worded for the user. */
export class ComponentFailure extends Error {
  constructor(readonly problem: Problem) {
    super(problem.what);
  }
}

export function asProblem(reason: unknown): Problem {
  if (reason instanceof ComponentFailure) {
    return reason.problem;
  }
  return { what: reason instanceof Error ? reason.message : String(reason), fix: 'see logs/stack.log' };
}

export interface ManagedUp {
  readonly name: ManagedComponent;
  readonly label: string;
  /** What the pid file said before this call (stale files already removed). */
  readonly now: PidState;
  readonly start: () => Promise<PidRecord>;
  readonly probe: Probe;
  /** Logs whose tails explain a failure. */
  readonly logs: readonly string[];
}

/**
 * Starts the component unless it already runs, then waits until it answers. Anything started is
 * pushed to `started` before waiting, so the caller can stop it if this or another part fails.
 */
export async function bringUp(
  s: StackSetup,
  c: ManagedUp,
  started: PidRecord[],
  deadline: number,
): Promise<ComponentReport> {
  const earlier = c.now.kind === 'ours';
  // Logs are appended across runs: a failure should show only what this start wrote.
  const offsets = earlier ? c.logs.map(() => 0) : await Promise.all(c.logs.map(logSize));
  const record = c.now.kind === 'ours' ? c.now.record : await c.start();
  if (!earlier) {
    started.push(record);
  }
  const alive = async () => (await readProc(record.pid))?.startTime === record.startTime;
  try {
    const probe = await waitUntilHealthy(c.probe, {
      deadline,
      alive,
      ...(s.signal ? { signal: s.signal } : {}),
    });
    if (!earlier) {
      s.logger.info(`${c.label} is healthy`, { address: record.address, pid: record.pid });
    }
    return {
      name: c.name,
      state: earlier ? 'running' : 'started',
      healthy: true,
      address: record.address,
      pid: record.pid,
      version: probe.version ?? record.version,
    };
  } catch (err) {
    const tails = (await Promise.all(c.logs.map((log, i) => logTail(log, 8, offsets[i]))))
      .filter(Boolean)
      .join('\n');
    const lines = tails ? `\n      last log lines:\n${indent(tails)}` : '';
    throw new ComponentFailure({
      what: `${c.label} (pid ${record.pid}${earlier ? ', started earlier' : ''}) at ${record.address}: ${(err as Error).message}${lines}`,
      fix: s.signal?.aborted
        ? 'run sec-tracker stack up again'
        : earlier
          ? 'sec-tracker stack down, then sec-tracker stack up'
          : `read ${c.logs.join(' and ')}; raise STACK_START_TIMEOUT_SECONDS if the machine is slow`,
    });
  }
}

/** A component the stack does not run (not on loopback): only check that it answers. */
export async function checkExternal(
  name: ManagedComponent,
  address: string,
  reason: string,
  probe: Probe,
  fix: string,
): Promise<ComponentReport> {
  try {
    const { version } = await probe();
    return { name, state: 'external', healthy: true, address, ...(version ? { version } : {}) };
  } catch (err) {
    throw new ComponentFailure({
      what: `${name} at ${address} (not managed: ${reason}) does not answer: ${(err as Error).message}`,
      fix,
    });
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => `        ${line}`)
    .join('\n');

/** Stops processes this call started and removes their pid files. */
export async function stopStarted(s: StackSetup, started: readonly PidRecord[]): Promise<void> {
  await Promise.all(
    started.map(async (record) => {
      const how = await stopProcess(record.pid, record.startTime, 15_000);
      await removePidFile(s.paths.pidFile(record.component));
      s.logger.warn(`stopped ${record.component}, started by this failed up`, { pid: record.pid, how });
    }),
  );
}
