/**
 * `npm run bench:load`: the loader's write path (Avro decode, COPY into staging, merge, offsets in
 * the same transaction) on ≥ 1,000,000 transaction rows, against, in the same run and the same
 * Postgres, a raw `COPY FROM STDIN` of the same rows into an identical table and a per-row INSERT
 * baseline. Prints rows/s for each and the ratios. Target (issue 5): loader ≥ 0.5× raw COPY.
 *
 * The loader is driven through its real batch handler with Kafka-shaped batches (6 partitions,
 * 5,000 records each) so that broker throughput does not blur the database-side comparison;
 * `npm run bench:pipeline` measures the whole path through Kafka.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../pipeline/src/config/config';
import { SCHEMAS_DIR, SQL_DIR } from '../../pipeline/src/paths';
import { createAvroCodec } from '../../pipeline/src/shared/avro/registry';
import { copyRows } from '../../pipeline/src/shared/db/copy';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import type { InBatch } from '../../pipeline/src/shared/kafka/consumer';
import { createLogger } from '../../pipeline/src/shared/logger';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { createLoaderHandler } from '../../pipeline/src/stages/loader/run';
import { rowSink, TRANSACTIONS } from '../../pipeline/src/stages/loader/sinks';
import type { RowRecord } from '../../pipeline/src/stages/parser/to-avro';
import { formatProgress } from '../../pipeline/src/shared/progress';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BATCH = 5_000;
const PARTITIONS = 6;
const INSERT_SAMPLE = Number(process.env.BENCH_INSERT_ROWS ?? 20_000);

function row(i: number): RowRecord {
  const issuer = i % 500;
  const shares = `${100 + (i % 9000)}.${i % 10000}`;
  const price = `${5 + (i % 300)}.${1000 + (i % 9000)}`;
  return {
    accessionNumber: `0009997001-26-${String(Math.floor(i / 4)).padStart(6, '0')}`,
    documentType: '4',
    issuerCik: String(8000000 + issuer).padStart(10, '0'),
    issuerTicker: `BN${issuer}`,
    reportingOwnerCiks: [String(6000000 + (i % 3000)).padStart(10, '0')],
    periodOfReport: '2026-03-02',
    filedDate: '2026-03-04',
    acceptedAt: '2026-03-04T16:01:02-05:00',
    position: i % 4,
    table: 'nonDerivative',
    rowType: 'transaction',
    securityTitle: 'Common Stock',
    transactionDate: '2026-03-02',
    deemedExecutionDate: null,
    transactionFormType: '4',
    code: i % 2 ? 'P' : 'S',
    equitySwapInvolved: false,
    timeliness: null,
    shares,
    pricePerShare: price,
    totalValue: null,
    acquiredDisposed: i % 2 ? 'A' : 'D',
    sharesOwnedFollowing: '125000',
    valueOwnedFollowing: null,
    directOrIndirect: 'D',
    natureOfOwnership: null,
    conversionOrExercisePrice: null,
    exerciseDate: null,
    expirationDate: null,
    underlyingSecurityTitle: null,
    underlyingSecurityShares: null,
    underlyingSecurityValue: null,
    footnoteIds: { transactionPricePerShare: ['F1'] },
    value: '1000.5',
    kind: i % 2 ? 'open_market_purchase' : 'open_market_sale',
    kindReason: 'code P/S on the non-derivative table',
    is10b5One: i % 3 === 0,
    tenB5OneSource: 'checkbox',
    priceRange: null,
    flags: [],
    tradeKey: `k${i}`,
  };
}

async function freshDatabase(base: string, name: string): Promise<string> {
  const url = new URL(base);
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  return url.toString();
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const logger = createLogger('warn');
  const id = randomBytes(3).toString('hex');
  const url = await freshDatabase(config.databaseUrl, `sec_tracker_bench_${id}`);
  const pool = createPool({ databaseUrl: url }, logger, 4);
  try {
    await migrate(pool, SQL_DIR, logger);
    const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
    const topic = `bench-${id}.edgar.transactions`;
    await avro.register(topic, 'ownership_row.avsc');
    const handle = createLoaderHandler({
      pool,
      avro,
      logger,
      metrics: createMetrics(),
      groupId: 'bench',
      sinks: new Map([[topic, rowSink]]),
      deadLetters: { send: () => Promise.reject(new Error('a bench row was rejected')) },
    });

    let loaderMs = 0;
    const nextOffset = new Array<number>(PARTITIONS).fill(0);
    for (let start = 0, b = 0; start < ROWS; start += BATCH, b++) {
      const partition = b % PARTITIONS;
      const messages = [];
      for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
        messages.push({
          topic,
          partition,
          offset: String(nextOffset[partition]!++),
          key: null,
          value: await avro.encode(topic, row(i)),
          headers: {},
          timestamp: Date.now(),
        });
      }
      const batch: InBatch = { topic, partition, messages, highWatermark: String(nextOffset[partition]) };
      const t0 = performance.now();
      await handle(batch);
      loaderMs += performance.now() - t0;
      if (b % 20 === 0) {
        process.stderr.write(
          `\rloader   ${formatProgress({ done: start + messages.length, total: ROWS, doneAtStart: 0, elapsedMs: loaderMs })}   `,
        );
      }
    }
    const loaded = Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM transactions')).rows[0]!.n,
    );
    if (loaded !== ROWS) {
      throw new Error(`loader stored ${loaded} rows, expected ${ROWS}`);
    }

    await pool.query('CREATE TABLE raw_copy (LIKE transactions INCLUDING ALL)');
    const client = await pool.connect();
    let copyMs = 0;
    try {
      for (let start = 0; start < ROWS; start += BATCH * 20) {
        const values = [];
        for (let i = start; i < Math.min(ROWS, start + BATCH * 20); i++) {
          values.push(rowSink.toTables(row(i))[0]!.rows[0]!);
        }
        const t0 = performance.now();
        await client.query('BEGIN');
        await copyRows(client, 'raw_copy', TRANSACTIONS.columns, values);
        await client.query('COMMIT');
        copyMs += performance.now() - t0;
        process.stderr.write(
          `\rraw COPY ${formatProgress({ done: Math.min(ROWS, start + BATCH * 20), total: ROWS, doneAtStart: 0, elapsedMs: copyMs })}   `,
        );
      }
      await client.query('CREATE TABLE row_insert (LIKE transactions INCLUDING ALL)');
      const cols = TRANSACTIONS.columns;
      const sql = `INSERT INTO row_insert (${cols.join(', ')}) VALUES (${cols.map((_, k) => `$${k + 1}`).join(', ')})`;
      const t0 = performance.now();
      for (let i = 0; i < INSERT_SAMPLE; i++) {
        await client.query(
          sql,
          rowSink.toTables(row(i))[0]!.rows[0]!.map((v) => (v === undefined ? null : v)),
        );
      }
      const insertMs = performance.now() - t0;
      process.stderr.write('\n');
      const rate = (n: number, ms: number) => n / (ms / 1000);
      const loader = rate(ROWS, loaderMs);
      const copy = rate(ROWS, copyMs);
      const insert = rate(INSERT_SAMPLE, insertMs);
      console.log(
        `rows: ${ROWS.toLocaleString()} (per-row INSERT measured on ${INSERT_SAMPLE.toLocaleString()})`,
      );
      console.log(`loader (decode, COPY/merge, offsets in one tx):  ${loader.toFixed(0)} rows/s`);
      console.log(`raw COPY FROM STDIN:                              ${copy.toFixed(0)} rows/s`);
      console.log(`per-row INSERT:                                   ${insert.toFixed(0)} rows/s`);
      console.log(
        `loader / raw COPY = ${(loader / copy).toFixed(2)}  (target >= 0.5)   loader / INSERT = ${(loader / insert).toFixed(1)}x`,
      );
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
    await dropDatabase(url);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
