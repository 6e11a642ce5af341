import { startTcpRelay } from '../../../devtools/tcp-relay';
import { runStages } from '../../src/runtime/run-stages';
import { produceParsedCorpus } from './corpus';
import {
  countRows,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

describe('loader: Postgres unreachable', () => {
  it('pauses, retries with backoff, and loses nothing once Postgres is back', async () => {
    const db = await createTestDatabase('outage');
    const prefix = randomPrefix('outage');
    await createTestTopics(testConfig({ TOPIC_PREFIX: prefix }));
    const corpus = await produceParsedCorpus(testConfig({ TOPIC_PREFIX: prefix }), 1500);
    // A TCP relay to Postgres that the test cuts and restores, to play "Postgres unreachable".
    const target = new URL(db.url);
    const relay = await startTcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
    await relay.cut(); // Postgres is "down" before the loader even starts.
    const loader = await runStages(
      testConfig({ TOPIC_PREFIX: prefix, DATABASE_URL: relay.url(db.url) }),
      testLogger,
      ['loader'],
      {
        metricsPort: 0,
      },
    );
    try {
      // Down: wait until the loader has been turned away twice (it retried), not for a fixed time.
      await waitFor(
        'two refused connection attempts',
        () => Promise.resolve(relay.refused() >= 2 ? true : undefined),
        60000,
        50,
      );
      expect(await countRows(db.url, 'transactions')).toBe(0);
      await relay.restore();
      await waitFor(
        'the first rows',
        async () => ((await countRows(db.url, 'transactions')) > 0 ? true : undefined),
        60000,
        50,
      );
      await relay.cut(); // and down again in the middle of loading
      const loadedAtCut = await countRows(db.url, 'transactions');
      const refusedAtCut = relay.refused();
      await waitFor(
        'the loader to hit the second outage',
        () => Promise.resolve(relay.refused() > refusedAtCut ? true : undefined),
        60000,
        50,
      );
      // Mid-load: some rows were in, and the rest were still to come when the loader was refused.
      expect(loadedAtCut).toBeGreaterThan(0);
      expect(await countRows(db.url, 'transactions')).toBeLessThan(corpus.rows);
      await relay.restore();
      // Filings and rows come from two topics, loaded by two consumers: wait for both.
      const counts = async () => ({
        rows: await countRows(db.url, 'transactions'),
        filings: await countRows(db.url, 'filings'),
      });
      await waitFor(
        'every row and every filing once Postgres is back',
        async () => {
          const c = await counts();
          return c.rows === corpus.rows && c.filings === corpus.filings ? true : undefined;
        },
        120000,
      );
      expect(await counts()).toEqual({ rows: corpus.rows, filings: corpus.filings });
    } finally {
      await loader.close();
      await relay.close();
      await db.drop();
    }
  }, 300000);
});
