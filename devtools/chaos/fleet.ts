import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../pipeline/src/paths';

/** One supervised `sec-tracker` process: restarted when it dies, like systemd or Kubernetes would. */
export interface Member {
  readonly name: string;
  readonly stage: string;
  /** Ends with kill -9; the supervisor starts it again after `restartDelayMs`. */
  kill9(): void;
  /** Resolves when the process exited 0 by itself (the backfill finished). */
  readonly finished: Promise<void>;
  readonly unplannedExits: { code: number | string; at: number }[];
  /** When the current process was started (ms since epoch). */
  upSince(): number;
  /** Whether a process is running now (not paused, stopped or between a kill and its restart). */
  running(): boolean;
  /** Stops the process with SIGTERM and keeps it down (no restart) until `resume()`. */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

export interface Fleet {
  start(name: string, stage: string, args: string[]): Member;
  /** Runs one command to its end, unsupervised, with the fleet's environment; its output goes to the log. */
  runOnce(name: string, args: string[]): Promise<{ code: number | null; output: string }>;
  readonly members: readonly Member[];
  stopAll(): Promise<void>;
}

export function createFleet(env: Record<string, string>, logDir: string, restartDelayMs = 1000): Fleet {
  const members: Member[] = [];
  const children = new Set<ChildProcess>();
  // If the campaign itself dies, its stage processes must not run on without it.
  process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  const cli = path.join(REPO_ROOT, 'cli/bin/sec-tracker.js');
  return {
    members,
    start(name, stage, args) {
      const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
      let child: ChildProcess | undefined;
      let stopping = false;
      let paused = false;
      let killedByUs = false;
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const unplannedExits: { code: number | string; at: number }[] = [];
      let startedAt = Date.now();
      const launch = () => {
        startedAt = Date.now();
        const c = spawn(process.execPath, [cli, ...args], {
          cwd: REPO_ROOT,
          env: { ...process.env, ...env, METRICS_PORT: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child = c;
        children.add(c);
        c.stdout?.pipe(log, { end: false });
        c.stderr?.pipe(log, { end: false });
        c.on('exit', (code, signal) => {
          child = undefined;
          children.delete(c);
          if (stopping || paused) {
            return;
          }
          if (code === 0 && !killedByUs) {
            finish();
            return;
          }
          if (!killedByUs) {
            unplannedExits.push({ code: code ?? signal ?? -1, at: Date.now() });
          }
          killedByUs = false;
          setTimeout(() => !stopping && launch(), restartDelayMs);
        });
      };
      launch();
      const terminate = async () => {
        const c = child;
        if (c && c.exitCode === null) {
          const exited = new Promise((r) => c.once('exit', r));
          c.kill('SIGTERM');
          const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
          await exited;
          clearTimeout(timer);
        }
      };
      const member: Member = {
        name,
        stage,
        finished,
        unplannedExits,
        upSince: () => startedAt,
        running: () => child !== undefined,
        async pause() {
          paused = true;
          await terminate();
        },
        resume() {
          if (paused && !stopping) {
            paused = false;
            launch();
          }
        },
        kill9() {
          if (child?.pid) {
            killedByUs = true;
            child.kill('SIGKILL');
          }
        },
        async stop() {
          stopping = true;
          await terminate();
          log.end();
        },
      };
      members.push(member);
      return member;
    },
    runOnce(name, args) {
      const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
      const c = spawn(process.execPath, [cli, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env, METRICS_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(c);
      let output = '';
      const keep = (chunk: Buffer) => {
        output += chunk.toString();
        log.write(chunk);
      };
      c.stdout.on('data', keep);
      c.stderr.on('data', keep);
      return new Promise((resolve) =>
        c.on('close', (code) => {
          children.delete(c);
          log.end();
          resolve({ code, output });
        }),
      );
    },
    async stopAll() {
      await Promise.all(members.map((m) => m.stop()));
    },
  };
}
