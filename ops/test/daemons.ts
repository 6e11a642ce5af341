/**
 * Starts Debian's Prometheus, Alertmanager and node_exporter binaries (installed by .ci/run) for the
 * real-Prometheus test: on loopback, on free ports, with data in a temporary folder, and stopped by
 * process id. Alertmanager's cluster listener (0.0.0.0:9094 by default) is switched off.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Daemon {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`exited with ${child.exitCode} before answering ${url}:\n${output()}`);
    }
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url} within 60 s:\n${output()}`);
}

async function startDaemon(
  bin: string,
  args: string[],
  url: string,
  readyPath: string,
  dir?: string,
): Promise<Daemon> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new Error(
              `${bin} not found: .ci/run installs it with apt-get (prometheus, prometheus-alertmanager, prometheus-node-exporter)`,
            )
          : err,
      ),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await spawned;
    await waitReady(url + readyPath, child, () => out);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, output: () => out, stop };
}

/** `config` gets Prometheus' own address (for its self-scrape job) and returns the YAML. */
export async function startPrometheus(config: (self: string) => string): Promise<Daemon> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sec-tracker-prometheus-'));
  const port = await freePort();
  writeFileSync(path.join(dir, 'prometheus.yml'), config(`127.0.0.1:${port}`));
  return startDaemon(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    `http://127.0.0.1:${port}`,
    '/-/ready',
    dir,
  );
}

export async function startAlertmanager(configFile: string): Promise<Daemon> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sec-tracker-alertmanager-'));
  const port = await freePort();
  return startDaemon(
    'prometheus-alertmanager',
    [
      `--config.file=${configFile}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    `http://127.0.0.1:${port}`,
    '/-/ready',
    dir,
  );
}

/** Only the filesystem collector: the one the disk alert needs. */
export async function startNodeExporter(): Promise<Daemon> {
  const port = await freePort();
  return startDaemon(
    'prometheus-node-exporter',
    ['--collector.disable-defaults', '--collector.filesystem', `--web.listen-address=127.0.0.1:${port}`],
    `http://127.0.0.1:${port}`,
    '/metrics',
  );
}
