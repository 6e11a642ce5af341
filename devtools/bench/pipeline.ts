/**
 * `npm run bench:pipeline`: BENCH_FILINGS (default 100,000) raw Form 4 submissions produced to the
 * raw topic while the parser, aggregator and loader stages run in this process, through Kafka, the schema
 * registry and Postgres. Prints filings/s (first produce to last commit) and the distribution of
 * end-to-end lag per filing: when it was produced to the raw topic → when the loader committed it.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../pipeline/src/config/config';
import { buildOwnershipSubmission, syntheticAccession } from '../fake-edgar';
import { SQL_DIR } from '../../pipeline/src/paths';
import { runStages } from '../../pipeline/src/runtime/run-stages';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { ensureTopics } from '../../pipeline/src/shared/kafka/admin';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { createProducer } from '../../pipeline/src/shared/kafka/producer';
import { createLogger } from '../../pipeline/src/shared/logger';
import { allTopics, topicName } from '../../pipeline/src/topics';
import { formatProgress } from '../../pipeline/src/shared/progress';

const FILINGS = Number(process.env.BENCH_FILINGS ?? 100_000);
const CHUNK = 1_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const id = randomBytes(3).toString('hex');
  const dbUrl = new URL(loadConfig(process.env).databaseUrl);
  dbUrl.pathname = `/sec_tracker_benchpipe_${id}`;
  const config = loadConfig({
    ...process.env,
    TOPIC_PREFIX: `bench-${id}.`,
    DATABASE_URL: dbUrl.toString(),
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
  });
  const logger = createLogger('warn');
  await ensureDatabase(config.databaseUrl);
  const pool = createPool(config, logger, 2);
  await migrate(pool, SQL_DIR, logger);
  const kafka = createKafka(config, logger);
  await ensureTopics(kafka, allTopics(config.topicPrefix));
  const stages = await runStages(config, logger, ['parser', 'aggregator', 'loader'], { metricsPort: 0 });
  const producedAt = new Map<string, number>();
  const producer = await createProducer(kafka);
  const raw = topicName(config.topicPrefix, 'filingsRaw');
  const started = performance.now();
  const epochAtStart = Date.now();
  try {
    for (let start = 0; start < FILINGS; start += CHUNK) {
      const messages = [];
      for (let i = start; i < Math.min(FILINGS, start + CHUNK); i++) {
        const accessionNumber = syntheticAccession(i + 1, '0009996001');
        const issuer = i % 2000;
        const body = buildOwnershipSubmission({
          accessionNumber,
          acceptedAt: new Date(Date.UTC(2026, 1, 2 + (i % 250), 15, 30, i % 60)),
          issuer: {
            cik: String(5000000 + issuer).padStart(10, '0'),
            name: `Bench Issuer ${issuer}`,
            ticker: `BI${issuer}`,
          },
          owners: [{ cik: String(4000000 + (i % 5000)).padStart(10, '0'), name: `Bench Owner ${i % 5000}` }],
          purchases: [{ shares: `${100 + (i % 900)}`, price: `${10 + (i % 90)}.25` }],
        });
        messages.push({
          key: accessionNumber,
          value: Buffer.from(body),
          headers: { accession: accessionNumber },
        });
      }
      await producer.send(raw, messages);
      const now = Date.now();
      for (const m of messages) {
        producedAt.set(m.key, now);
      }
      process.stderr.write(
        `\rproduced ${formatProgress({ done: start + messages.length, total: FILINGS, doneAtStart: 0, elapsedMs: performance.now() - started })}   `,
      );
    }
    process.stderr.write('\n');
    for (;;) {
      const n = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM filings')).rows[0]!.n);
      process.stderr.write(
        `\rloaded   ${formatProgress({ done: n, total: FILINGS, doneAtStart: 0, elapsedMs: performance.now() - started })}   `,
      );
      if (n >= FILINGS) {
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    process.stderr.write('\n');
    const { rows } = await pool.query<{ accession_number: string; loaded_at: Date }>(
      'SELECT accession_number, loaded_at FROM filings',
    );
    const lastCommit = Math.max(...rows.map((r) => r.loaded_at.getTime()));
    const lags = rows
      .map((r) => (r.loaded_at.getTime() - (producedAt.get(r.accession_number) ?? epochAtStart)) / 1000)
      .sort((a, b) => a - b);
    const seconds = (lastCommit - epochAtStart) / 1000;
    console.log(
      `filings: ${FILINGS.toLocaleString()} through Kafka → parser → aggregator → loader → Postgres`,
    );
    console.log(
      `throughput: ${(FILINGS / seconds).toFixed(0)} filings/s (first produce to last commit, ${seconds.toFixed(1)} s)`,
    );
    console.log(
      `end-to-end lag (produce → committed in Postgres): p50 ${quantile(lags, 0.5).toFixed(2)} s, p90 ${quantile(lags, 0.9).toFixed(2)} s, p99 ${quantile(lags, 0.99).toFixed(2)} s, max ${(lags[lags.length - 1] ?? NaN).toFixed(2)} s`,
    );
  } finally {
    await producer.disconnect();
    await stages.close();
    await pool.end();
    await dropDatabase(config.databaseUrl);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
