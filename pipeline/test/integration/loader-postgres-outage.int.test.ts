import net from 'node:net';
import type { AddressInfo } from 'node:net';
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

/** A TCP relay to Postgres that the test can cut and restore, to play "Postgres unreachable". */
async function startRelay(
  target: URL,
): Promise<{ port: number; refused(): number; cut(): void; restore(): void; close(): Promise<void> }> {
  let up = true;
  let refused = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!up) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** Connections turned away while cut: proof that someone tried during the outage. */
    refused: () => refused,
    cut() {
      up = false;
      for (const s of sockets) {
        s.destroy();
      }
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('loader: Postgres unreachable', () => {
  it('pauses, retries with backoff, and loses nothing once Postgres is back', async () => {
    const db = await createTestDatabase('outage');
    const prefix = randomPrefix('outage');
    await createTestTopics(testConfig({ TOPIC_PREFIX: prefix }));
    const corpus = await produceParsedCorpus(testConfig({ TOPIC_PREFIX: prefix }), 1500);
    const relay = await startRelay(new URL(db.url));
    const viaRelay = new URL(db.url);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    relay.cut(); // Postgres is "down" before the loader even starts.
    const loader = await runStages(
      testConfig({ TOPIC_PREFIX: prefix, DATABASE_URL: viaRelay.toString() }),
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
      relay.restore();
      await waitFor(
        'the first rows',
        async () => ((await countRows(db.url, 'transactions')) > 0 ? true : undefined),
        60000,
        50,
      );
      relay.cut(); // and down again in the middle of loading
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
      relay.restore();
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
