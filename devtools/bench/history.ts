/**
 * `npm run bench:history`: history from the Insider Transactions Data Sets against the XML path,
 * in one run, through real Kafka, the schema registry and Postgres with the real stages.
 *
 * 1. Generates BENCH_HISTORY_TRANSACTIONS (default 1,000,000) open-market transactions in
 *    BENCH_HISTORY_PER_FILING (default 5) per Form 4, as full submissions parsed by the real
 *    parser, written as quarterly `<quarter>_form345.zip` files (BENCH_HISTORY_QUARTERS, default 8)
 *    in the SEC's table format.
 * 2. Data-set path: `backfill --datasets` (runDatasetBackfill from the zips on disk) → parsed
 *    topics → aggregator + loader; timed from the first zip read to the last row aggregated.
 * 3. XML path, same run: the first BENCH_HISTORY_XML_FILINGS (default 20,000) of the same filings
 *    as raw submissions → parser → aggregator + loader, in their own topics and database.
 * 4. Prints filings/s and transactions/s of both, and projects 2006q1–2025q3
 *    (BENCH_HISTORY_FILINGS filings, default 7,900,000: about 100,000 a quarter × 79 quarters;
 *    an assumption, not a count). The XML path is also bounded by EDGAR's fair-access rate (one
 *    request per filing at SEC_RATE_LIMIT, default 8/s); the data-set path needs 79 downloads.
 *    The last line is the projected full-history time of the data-set path.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../../pipeline/src/config/config';
import type { Config } from '../../pipeline/src/config/config';
import { SCHEMAS_DIR, SQL_DIR } from '../../pipeline/src/paths';
import { runStages } from '../../pipeline/src/runtime/run-stages';
import { createAvroCodec } from '../../pipeline/src/shared/avro/registry';
import { createDeadLetterSink } from '../../pipeline/src/shared/dead-letter';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { ensureTopics } from '../../pipeline/src/shared/kafka/admin';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { createProducer } from '../../pipeline/src/shared/kafka/producer';
import { createLogger } from '../../pipeline/src/shared/logger';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { formatDuration, formatProgress } from '../../pipeline/src/shared/progress';
import { runDatasetBackfill } from '../../pipeline/src/stages/datasets/backfill-datasets';
import { datasetFileName } from '../../pipeline/src/stages/datasets/quarters';
import { zipsInDir } from '../../pipeline/src/stages/datasets/zip-sources';
import { parseFiling } from '../../pipeline/src/stages/parser/parse-filing';
import { allTopics, TOPICS, topicName } from '../../pipeline/src/topics';
import { buildDatasetZip } from '../datasets/build-zip';
import { createTableWriter } from '../datasets/write-tables';
import { buildOwnershipSubmission, syntheticAccession } from '../fake-edgar';

const TRANSACTIONS = Number(process.env.BENCH_HISTORY_TRANSACTIONS ?? 1_000_000);
const PER_FILING = Number(process.env.BENCH_HISTORY_PER_FILING ?? 5);
const QUARTER_COUNT = Number(process.env.BENCH_HISTORY_QUARTERS ?? 8);
const HISTORY_FILINGS = Number(process.env.BENCH_HISTORY_FILINGS ?? 7_900_000);
const FILINGS = Math.ceil(TRANSACTIONS / PER_FILING);
const PER_QUARTER = Math.ceil(FILINGS / QUARTER_COUNT);
/** The XML path runs on the first of the same filings (all of them when the run is small enough). */
const XML_FILINGS = Math.min(FILINGS, Number(process.env.BENCH_HISTORY_XML_FILINGS ?? 20_000));
const log = (line: string) => process.stderr.write(`\r\x1b[2K${line}`);

function quarterName(i: number): { name: string; year: number; month: number } {
  const year = 2016 + Math.floor(i / 4);
  return { name: `${year}q${(i % 4) + 1}`, year, month: (i % 4) * 3 };
}

/** Filing n (0-based) of the run, the same text for both paths. */
function submission(n: number): string {
  const q = quarterName(Math.floor(n / PER_QUARTER));
  const within = n % PER_QUARTER;
  const issuer = n % 3000;
  const day = 1 + (within % 88);
  return buildOwnershipSubmission({
    // Quarter and block of a million in the filer part: accession numbers never repeat across quarters.
    accessionNumber: syntheticAccession(
      (within % 999_999) + 1,
      `0009${String(900_000 + Math.floor(n / PER_QUARTER) * 10 + Math.floor(within / 999_999)).padStart(6, '0')}`,
      q.year % 100,
    ),
    acceptedAt: new Date(Date.UTC(q.year, q.month, day, 15, 30, within % 60)),
    issuer: {
      cik: String(5_000_000 + issuer).padStart(10, '0'),
      name: `History Issuer ${issuer}`,
      ticker: `HI${issuer}`,
    },
    owners: [
      { cik: String(4_000_000 + (n % 20_000)).padStart(10, '0'), name: `History Owner ${n % 20_000}` },
    ],
    purchases: Array.from({ length: PER_FILING }, (_, k) => ({
      shares: `${100 + ((n + k) % 900)}`,
      price: `${10 + ((n * 7 + k) % 90)}.${String((n + k * 13) % 10_000).padStart(4, '0')}`,
    })),
  });
}

async function writeZips(dir: string): Promise<string[]> {
  const quarters: string[] = [];
  for (let qi = 0; qi < QUARTER_COUNT; qi++) {
    const writer = createTableWriter();
    for (let n = qi * PER_QUARTER; n < Math.min(FILINGS, (qi + 1) * PER_QUARTER); n++) {
      const parsed = parseFiling(submission(n));
      if (!parsed.ok) {
        throw new Error(parsed.error.message);
      }
      writer.add(parsed.filing);
    }
    const name = quarterName(qi).name;
    writeFileSync(path.join(dir, datasetFileName(name)), await buildDatasetZip(writer.tsv()));
    quarters.push(name);
    log(`generated ${name} (${quarters.length}/${QUARTER_COUNT} quarters)`);
  }
  process.stderr.write('\n');
  return quarters;
}

async function isolated(label: string): Promise<{ config: Config; pool: pg.Pool; drop(): Promise<void> }> {
  const id = randomBytes(3).toString('hex');
  const dbUrl = new URL(loadConfig(process.env).databaseUrl);
  const db = `sec_tracker_benchhist_${label}_${id}`;
  dbUrl.pathname = `/${db}`;
  const config = loadConfig({
    ...process.env,
    TOPIC_PREFIX: `benchhist-${label}-${id}.`,
    DATABASE_URL: dbUrl.toString(),
    LOG_LEVEL: 'warn',
    METRICS_PORT: '0',
  });
  const logger = createLogger('warn');
  await ensureDatabase(config.databaseUrl);
  const pool = createPool(config, logger, 2);
  await migrate(pool, SQL_DIR, logger);
  await ensureTopics(createKafka(config, logger), allTopics(config.topicPrefix));
  return {
    config,
    pool,
    async drop() {
      await pool.end();
      await dropDatabase(config.databaseUrl);
    },
  };
}

/** Waits until the loader stored `filings` filings and the aggregator holds every transaction. */
async function drained(pool: pg.Pool, filings: number, started: number, label: string): Promise<number> {
  for (;;) {
    const { rows } = await pool.query<{ f: string; a: string }>(
      'SELECT (SELECT count(*) FROM filings) AS f, (SELECT count(*) FROM aggregator_rows) AS a',
    );
    const f = Number(rows[0]!.f);
    const a = Number(rows[0]!.a);
    log(
      `${label} loaded ${formatProgress({ done: f, total: filings, doneAtStart: 0, elapsedMs: performance.now() - started })}  aggregated rows ${a}/${filings * PER_FILING}`,
    );
    if (f >= filings && a >= filings * PER_FILING) {
      process.stderr.write('\n');
      return (performance.now() - started) / 1000;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Seconds of the data-set path's own work: zips read, joined, encoded and produced. */
let producedSeconds = NaN;

async function datasetPath(dir: string, quarters: string[]): Promise<number> {
  const env = await isolated('ds');
  const logger = createLogger('warn');
  const stages = await runStages(env.config, logger, ['aggregator', 'loader'], { metricsPort: 0 });
  const producer = await createProducer(createKafka(env.config, logger));
  try {
    const avro = createAvroCodec(env.config.schemaRegistryUrl, SCHEMAS_DIR);
    const topics = {
      filings: topicName(env.config.topicPrefix, 'filingsParsed'),
      rows: topicName(env.config.topicPrefix, 'transactions'),
      dlq: topicName(env.config.topicPrefix, 'deadLetter'),
    };
    await avro.register(topics.filings, TOPICS.filingsParsed.valueSchema);
    await avro.register(topics.rows, TOPICS.transactions.valueSchema);
    await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
    const started = performance.now();
    const report = await runDatasetBackfill(
      {
        avro,
        producer,
        deadLetters: createDeadLetterSink({
          producer,
          avro,
          topic: topics.dlq,
          stage: 'datasets',
          metrics: createMetrics({ process: 'bench' }),
        }),
        topics,
        partitions: { filings: TOPICS.filingsParsed.partitions, rows: TOPICS.transactions.partitions },
        pool: env.pool,
        logger,
        locate: zipsInDir(dir),
      },
      quarters,
      {
        onProgress: (p) =>
          log(
            `produced quarters ${p.quartersDone}/${p.quartersTotal}  filings ${p.filings}  rows ${p.rows}  [${p.current ?? ''}]`,
          ),
      },
    );
    process.stderr.write('\n');
    producedSeconds = (performance.now() - started) / 1000;
    if (report.failures.length > 0 || report.progress.deadLetters > 0) {
      throw new Error(
        `data-set path failed: ${JSON.stringify(report.failures)}, ${report.progress.deadLetters} dead letters`,
      );
    }
    return await drained(env.pool, FILINGS, started, 'data sets');
  } finally {
    await producer.disconnect();
    await stages.close();
    await env.drop();
  }
}

async function xmlPath(): Promise<number> {
  const env = await isolated('xml');
  const logger = createLogger('warn');
  const stages = await runStages(env.config, logger, ['parser', 'aggregator', 'loader'], { metricsPort: 0 });
  const producer = await createProducer(createKafka(env.config, logger));
  const raw = topicName(env.config.topicPrefix, 'filingsRaw');
  try {
    const started = performance.now();
    for (let start = 0; start < XML_FILINGS; start += 1000) {
      const messages = [];
      for (let n = start; n < Math.min(XML_FILINGS, start + 1000); n++) {
        const text = submission(n);
        const accession = /ACCESSION NUMBER:\s*(\S+)/.exec(text)![1]!;
        messages.push({ key: accession, value: Buffer.from(text), headers: { accession } });
      }
      await producer.send(raw, messages);
    }
    return await drained(env.pool, XML_FILINGS, started, 'xml');
  } finally {
    await producer.disconnect();
    await stages.close();
    await env.drop();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-history-'));
  try {
    const quarters = await writeZips(dir);
    const dsSeconds = await datasetPath(dir, quarters);
    const xmlSeconds = await xmlPath();
    const dsRate = FILINGS / dsSeconds;
    const xmlRate = XML_FILINGS / xmlSeconds;
    const secRate = Math.min(10, Number(process.env.SEC_RATE_LIMIT ?? 8));
    const xmlFetched = Math.min(xmlRate, secRate);
    console.log(
      `generated: ${FILINGS.toLocaleString()} Form 4 filings, ${(FILINGS * PER_FILING).toLocaleString()} transactions, ${QUARTER_COUNT} quarterly zips`,
    );
    console.log(
      `data-set path: ${dsRate.toFixed(0)} filings/s, ${((FILINGS * PER_FILING) / dsSeconds).toFixed(0)} transactions/s (zip read → topics → aggregator + loader, ${dsSeconds.toFixed(1)} s)`,
    );
    console.log(
      `data-set reader alone: ${(FILINGS / producedSeconds).toFixed(0)} filings/s, ${((FILINGS * PER_FILING) / producedSeconds).toFixed(0)} transactions/s (zips read, joined, encoded, produced: ${producedSeconds.toFixed(1)} s)`,
    );
    console.log(
      `XML path, same run, first ${XML_FILINGS.toLocaleString()} of the same filings: ${xmlRate.toFixed(0)} filings/s, ${((XML_FILINGS * PER_FILING) / xmlSeconds).toFixed(0)} transactions/s (raw topic → parser → aggregator + loader, ${xmlSeconds.toFixed(1)} s)`,
    );
    console.log(
      `ratio: data-set path ${(dsRate / xmlRate).toFixed(2)}× the XML path's processing rate; ${(dsRate / xmlFetched).toFixed(2)}× the XML path once fetching at ${secRate} requests/s is counted`,
    );
    console.log(
      `projection basis: ${HISTORY_FILINGS.toLocaleString()} filings for 2006q1–2025q3 (BENCH_HISTORY_FILINGS, an estimate); downloads of the 79 zips not included`,
    );
    console.log(
      `projected XML path (fetching at ${secRate}/s): ${formatDuration((HISTORY_FILINGS / xmlFetched) * 1000)} (${(HISTORY_FILINGS / xmlFetched / 86_400).toFixed(1)} days)`,
    );
    console.log(
      `projected full history (2006q1–2025q3) via data sets: ${formatDuration((HISTORY_FILINGS / dsRate) * 1000)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
