import { runStages } from '../../src/runtime/run-stages';
import { produceParsedCorpus } from './corpus';
import type { Corpus } from './corpus';
import {
  countRows,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  tableChecksums,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';
import { startCli } from './stage-process';

const TABLES = ['filings', 'filing_owners', 'footnotes', 'transactions', 'holdings'] as const;
const prefix = randomPrefix('exactly-once');

async function loadFully(url: string, corpus: Corpus): Promise<void> {
  await waitFor(
    'every row to be loaded',
    async () =>
      (await countRows(url, 'transactions')) === corpus.rows &&
      (await countRows(url, 'filings')) === corpus.filings
        ? true
        : undefined,
    180000,
    200,
  );
}

describe('loader: exactly once across crashes, replays and instances (real Kafka and Postgres)', () => {
  const dbs: { url: string; drop(): Promise<void> }[] = [];
  let corpus: Corpus;
  let reference: Awaited<ReturnType<typeof tableChecksums>>;
  let referenceUrl: string;

  beforeAll(async () => {
    const config = testConfig({ TOPIC_PREFIX: prefix });
    await createTestTopics(config);
    corpus = await produceParsedCorpus(config, 6000);
    const db = await createTestDatabase('ref');
    dbs.push(db);
    referenceUrl = db.url;
    const loader = await runStages(
      testConfig({ TOPIC_PREFIX: prefix, GROUP_PREFIX: 'ref.', DATABASE_URL: db.url }),
      testLogger,
      ['loader'],
      { metricsPort: 0 },
    );
    try {
      await loadFully(db.url, corpus);
    } finally {
      await loader.close();
    }
    reference = await tableChecksums(db.url, TABLES);
  }, 300000);

  afterAll(async () => {
    for (const db of dbs) {
      await db.drop();
    }
  });

  it('kill -9 in the middle of loading, then a restart, leaves exactly the rows of an uninterrupted run', async () => {
    const db = await createTestDatabase('kill');
    dbs.push(db);
    const env = { TOPIC_PREFIX: prefix, GROUP_PREFIX: 'kill.', DATABASE_URL: db.url };
    const first = startCli(['run', 'loader'], env);
    const seen = await waitFor(
      'the first rows to be committed',
      async () => {
        const n = await countRows(db.url, 'transactions');
        return n > 0 ? n : undefined;
      },
      120000,
      25,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const atKill = await countRows(db.url, 'transactions');
    expect(seen).toBeLessThan(corpus.rows); // the kill really happened mid-load
    expect(atKill).toBeLessThan(corpus.rows);
    const second = startCli(['run', 'loader'], env);
    await loadFully(db.url, corpus);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0); // SIGTERM is a clean shutdown
    expect(await tableChecksums(db.url, TABLES)).toEqual(reference);
  }, 300000);

  it('replay --stage loader --from earliest leaves every table checksum identical', async () => {
    const env = { TOPIC_PREFIX: prefix, GROUP_PREFIX: 'ref.', DATABASE_URL: referenceUrl };
    const dry = startCli(['replay', '--stage', 'loader', '--from', 'earliest', '--dry-run'], env);
    expect(await dry.exited).toBe(0);
    expect(dry.output()).toMatch(/edgar\.transactions\[0\]\s+committed \d+\s+->\s+from 0/);
    const replay = startCli(['replay', '--stage', 'loader', '--from', 'earliest'], env);
    expect(await replay.exited).toBe(0);
    expect(replay.output()).toMatch(/replay complete/);
    expect(await tableChecksums(referenceUrl, TABLES)).toEqual(reference);
  }, 300000);

  it('two loader instances in one group split the partitions with no row lost or doubled', async () => {
    const db = await createTestDatabase('two');
    dbs.push(db);
    const env = { TOPIC_PREFIX: prefix, GROUP_PREFIX: 'two.', DATABASE_URL: db.url };
    const a = startCli(['run', 'loader'], env);
    const b = startCli(['run', 'loader'], env);
    await loadFully(db.url, corpus);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(await tableChecksums(db.url, TABLES)).toEqual(reference);
  }, 300000);
});
