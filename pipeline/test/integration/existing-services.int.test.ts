/**
 * `stack up` and `sec-tracker start` next to a Kafka and a registry that someone else started: the
 * ones the test run uses, seen from a fresh STACK_DIR without pid files, which is exactly "started
 * from another stack directory" (or a compose file, or a cluster). With a database that does not
 * exist yet, both must create it, use what answers, start nothing else, and come up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import type { Config } from '../../src/config/config';
import { stackPaths } from '../../../devtools/stack/paths';
import { stackUp } from '../../../devtools/stack/stack';
import { databaseExists, dropDatabase, randomPrefix, testLogger, waitFor } from './helpers';
import { startCli } from './stage-process';

jest.setTimeout(180_000);

let stackDir: string;
const databases: string[] = [];

/** A database URL on the test run's server naming a database that does not exist yet. */
function newDatabaseUrl(label: string): { url: string; name: string } {
  const name = `sec_tracker_${label}_${randomBytes(4).toString('hex')}`;
  databases.push(name);
  const url = new URL(loadConfig(process.env).databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

beforeEach(async () => {
  stackDir = await mkdtemp(path.join(os.tmpdir(), 'sec-tracker-other-stack-'));
});

afterEach(async () => {
  await rm(stackDir, { recursive: true, force: true });
});

afterAll(async () => {
  for (const name of databases) {
    await dropDatabase(name);
  }
});

describe('a Kafka and a registry started from another stack directory', () => {
  it('stack up uses them, creates the missing database and starts nothing', async () => {
    const db = newDatabaseUrl('other_stack');
    const config: Config = loadConfig({ ...process.env, STACK_DIR: stackDir, DATABASE_URL: db.url });
    const report = await stackUp(config, testLogger);
    expect(report.ok).toBe(true);
    expect(report.components.map((c) => [c.name, c.state, c.healthy])).toEqual([
      ['kafka', 'running', true],
      ['registry', 'running', true],
      ['postgres', 'running', true],
      ['redis', 'running', true],
    ]);
    for (const c of report.components.slice(0, 2)) {
      expect(c.detail).toMatch(/^already answering, not started by this stack/);
      expect(c.pid).toBeUndefined();
    }
    expect(report.notes).toContain(`created database ${db.name}`);
    expect(await databaseExists(db.name)).toBe(true);
    const run = stackPaths(stackDir).run;
    expect(existsSync(run) ? await readdir(run) : []).not.toContain('kafka.pid');
    expect(existsSync(run) ? await readdir(run) : []).not.toContain('registry.pid');
  });

  it('sec-tracker start comes up on them with a new database and serves the demo data', async () => {
    const db = newDatabaseUrl('start');
    const prefix = randomPrefix('start');
    const cli = startCli(['start'], {
      STACK_DIR: stackDir,
      DATABASE_URL: db.url,
      TOPIC_PREFIX: prefix,
      SEC_BUDGET_KEY: `${prefix}sec-budget`,
      DEMO: 'true',
      API_PORT: '0',
      FAKE_EDGAR_PORT: '0',
    });
    const died = cli.exited.then((code) => {
      throw new Error(`start exited (${code}) before it came up:\n${cli.output()}`);
    });
    died.catch(() => undefined);
    try {
      const url = await Promise.race([
        waitFor(
          'start to print the URL to try',
          () => Promise.resolve(/Try: +curl (\S+)/.exec(cli.output())?.[1]),
          150_000,
        ),
        died,
      ]);
      expect(url).toMatch(/\/api\/v1\/form4\/ACME$/);
      const body = await waitFor('the API to serve the demo filings of ACME', async () => {
        const res = await fetch(url);
        const json = res.status === 200 ? ((await res.json()) as { count: number }) : undefined;
        return json && json.count > 0 ? json : undefined;
      });
      expect(body.count).toBeGreaterThan(0);
      expect(await databaseExists(db.name)).toBe(true);
      expect(cli.output()).not.toMatch(/already in use/);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
    expect(existsSync(path.join(stackPaths(stackDir).run, 'kafka.pid'))).toBe(false);
  });
});
