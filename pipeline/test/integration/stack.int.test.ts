/**
 * `stack up|down|status` against real processes, on a temporary STACK_DIR and ports of its own:
 * the shared stack that globalSetup brought up is never touched. The temporary stack reuses the
 * shared stack's download cache (a symlink) so nothing is fetched twice.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/config';
import type { Config } from '../../src/config/config';
import { createLogger } from '../../src/shared/logger';
import { stackPaths } from '../../../devtools/stack/paths';
import { markerFlag } from '../../../devtools/stack/pid-file';
import { readProc } from '../../../devtools/stack/processes';
import { stackDown, stackStatus, stackUp } from '../../../devtools/stack/stack';

// Each case starts and stops real JVMs; hooks take as long as tests.
jest.setTimeout(120_000);

const logger = createLogger('warn', { test: 'stack' });

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Live processes whose command line carries the marker of a stack at `root`. */
async function processesOf(root: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  for (const pid of pids) {
    const proc = await readProc(pid);
    const marks = [markerFlag(root, 'kafka'), markerFlag(root, 'registry')];
    if (proc?.cmdline.some((arg) => marks.includes(arg))) {
      found.push(pid);
    }
  }
  return found;
}

let stackDir: string;
let ports: { kafka: number; controller: number; registry: number; management: number };

function configFor(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    STACK_DIR: stackDir,
    KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
    KAFKA_CONTROLLER_PORT: String(ports.controller),
    SCHEMA_REGISTRY_URL: `http://127.0.0.1:${ports.registry}/apis/ccompat/v7`,
    REGISTRY_MANAGEMENT_PORT: String(ports.management),
    REGISTRY_DATABASE: 'sec_tracker_registry_stacktest',
    STACK_START_TIMEOUT_SECONDS: '90',
    ...overrides,
  });
}

beforeEach(async () => {
  stackDir = await mkdtemp(path.join(os.tmpdir(), 'sec-tracker-stack-'));
  ports = {
    kafka: await freePort(),
    controller: await freePort(),
    registry: await freePort(),
    management: await freePort(),
  };
  const sharedCache = stackPaths(loadConfig(process.env).stackDir).cache;
  if (existsSync(sharedCache)) {
    await symlink(sharedCache, path.join(stackDir, 'cache'));
  }
});

afterEach(async () => {
  // Whatever a failed assertion left behind: stop it (by pid file), then check nothing remains.
  await stackDown(configFor(), logger).catch(() => undefined);
  expect(await processesOf(stackDir)).toEqual([]);
  if (!process.env.KEEP_STACK_DIR) {
    await rm(stackDir, { recursive: true, force: true });
  }
});

afterAll(async () => {
  const admin = new URL(loadConfig(process.env).databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS sec_tracker_registry_stacktest WITH (FORCE)');
  await client.end();
});

describe('stack up refuses bad input and leaves nothing running', () => {
  it('names a port that another program holds, and starts nothing', async () => {
    // Holds the port without speaking Kafka. It reads what it is sent, so the connection of up's
    // "does a Kafka already answer here?" probe ends when the probe gives up, and close() returns.
    const squatter = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => squatter.listen(ports.kafka, '127.0.0.1', resolve));
    try {
      await expect(stackUp(configFor(), logger)).rejects.toThrow(
        new RegExp(`port ${ports.kafka} \\(Kafka\\) is already in use by \\S+ \\(pid ${process.pid}\\)`),
      );
      expect(await processesOf(stackDir)).toEqual([]);
      expect(existsSync(stackPaths(stackDir).pidFile('kafka'))).toBe(false);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('never signals a live process that a stale pid file names; it reports and removes the file', async () => {
    const bystander = spawn('sleep', ['120'], { stdio: 'ignore' });
    try {
      const pid = bystander.pid!;
      const proc = await readProc(pid);
      const paths = stackPaths(stackDir);
      await mkdir(paths.run, { recursive: true });
      // Same pid and start time, but not a JVM of this stack: e.g. the pid file of a broker that
      // crashed long ago, whose pid the kernel has since given to `sleep`.
      const record = {
        component: 'kafka',
        pid,
        startTime: proc!.startTime,
        marker: markerFlag(paths.root, 'kafka'),
        version: '4.1.1',
        address: `127.0.0.1:${ports.kafka}`,
        startedAt: new Date().toISOString(),
      };
      await writeFile(paths.pidFile('kafka'), JSON.stringify(record));
      await writeFile(
        paths.pidFile('registry'),
        JSON.stringify({ ...record, component: 'registry', startTime: '1' }),
      );

      const status = await stackStatus(configFor());
      expect(status.ok).toBe(false);
      expect(status.components.find((c) => c.name === 'kafka')).toMatchObject({ state: 'stale' });
      expect(status.components.find((c) => c.name === 'registry')?.detail).toMatch(
        /now belongs to another program/,
      );

      const down = await stackDown(configFor(), logger);
      expect(down.components.map((c) => c.detail)).toEqual([
        expect.stringMatching(/^stale pid file removed .*not a kafka of this stack.*not touched$/),
        expect.stringMatching(/^stale pid file removed .*another program.*not touched$/),
      ]);
      expect(existsSync(paths.pidFile('kafka'))).toBe(false);
      expect(existsSync(paths.pidFile('registry'))).toBe(false);
      expect(() => process.kill(pid, 0)).not.toThrow();
      expect(bystander.exitCode).toBeNull();
    } finally {
      bystander.kill();
    }
  });

  it('stops what it started when the broker does not come up in time', async () => {
    // A probe that never succeeds stands in for a broker that hangs on startup.
    const probeKafka = () => Promise.reject(new Error('broker not answering (test)'));
    const config = configFor({ STACK_START_TIMEOUT_SECONDS: '5' });
    await expect(stackUp(config, logger, { probeKafka })).rejects.toThrow(
      /stack up failed and stopped what it had started[\s\S]*Kafka \(pid \d+\) at 127\.0\.0\.1:\d+: not healthy in time \(last check: broker not answering \(test\)\)/,
    );
    expect(await processesOf(stackDir)).toEqual([]);
    expect(existsSync(stackPaths(stackDir).pidFile('kafka'))).toBe(false);
    expect(existsSync(stackPaths(stackDir).pidFile('registry'))).toBe(false);
  });
});

describe('stack up, a second up, status and down on a private stack', () => {
  it('starts both JVMs, is idempotent, reports healthy, and stops only its own processes', async () => {
    const config = configFor();
    const first = await stackUp(config, logger);
    expect(first.ok).toBe(true);
    const started = first.components.filter((c) => c.state === 'started').map((c) => c.name);
    expect(started).toEqual(['kafka', 'registry']);
    const pids = first.components.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
    expect((await processesOf(stackDir)).sort()).toEqual([...pids].sort());

    const second = await stackUp(config, logger);
    expect(second.changed).toBe(false);
    expect(second.components.filter((c) => c.pid !== undefined).map((c) => c.pid)).toEqual(pids);

    const status = await stackStatus(config);
    expect(status.ok).toBe(true);
    expect(status.components.map((c) => [c.name, c.state])).toEqual([
      ['kafka', 'running'],
      ['registry', 'running'],
      ['postgres', 'running'],
      ['redis', 'running'],
    ]);
    const subjects = await fetch(`${config.schemaRegistryUrl}/subjects`);
    expect(subjects.status).toBe(200);

    const down = await stackDown(config, logger);
    expect(down.changed).toBe(true);
    expect(await processesOf(stackDir)).toEqual([]);
    const after = await stackStatus(config);
    expect(after.components.slice(0, 2).map((c) => c.state)).toEqual(['stopped', 'stopped']);
  });
});
