import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../pipeline/src/config/config';
import { SQL_DIR } from '../../pipeline/src/paths';
import { dropDatabase, ensureDatabase } from '../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../pipeline/src/shared/db/migrate';
import { createPool } from '../../pipeline/src/shared/db/pool';
import { ensureTopics } from '../../pipeline/src/shared/kafka/admin';
import { createKafka } from '../../pipeline/src/shared/kafka/client';
import { groupLag, topicOffsets } from '../../pipeline/src/shared/kafka/group-offsets';
import { readTopic } from '../../pipeline/src/shared/kafka/read-topic';
import type { Logger } from '../../pipeline/src/shared/logger';
import { allTopics, groupName, STAGE_INPUTS, topicName } from '../../pipeline/src/topics';
import { startFakeEdgar } from '../fake-edgar';
import type { ChaosCluster } from './cluster';
import { createFleet } from './fleet';
import type { Member } from './fleet';
import { startFaults } from './faults';
import type { FaultPlan, FaultRecord } from './faults';
import { addCampaignFilings, FROM, TO } from './input';
import { startTcpRelay } from '../tcp-relay';
import { tableRows } from './tables';

export interface RunResult {
  readonly name: string;
  readonly databaseUrl: string;
  readonly rows: Map<string, string[]>;
  /** Keys (accession numbers) of the records on the dead-letter topic. */
  readonly deadLetters: string[];
  readonly bad: ReadonlySet<string>;
  readonly faults: FaultRecord[];
  /** Stage processes that died by themselves (exit status), not by our kill -9. */
  readonly unplannedExits: { member: string; code: number | string }[];
  /** Parser replays run (FaultPlan.parserReplayAtMs): raw documents when each began, and produced while it ran. */
  readonly replays: { rawAtStart: number; producedDuring: number }[];
  readonly wallMs: number;
  drop(): Promise<void>;
}

export interface RunOptions {
  readonly name: string;
  readonly filings: number;
  /** Seconds the filings take to flow in (sets the crawler's request rate, at most 10/s). */
  readonly flowSeconds: number;
  /** Faults to inject while the filings flow; none for the clean run. */
  readonly faults?: FaultPlan;
  /** Stops waiting for zero lag after this long. */
  readonly deadlineMs: number;
  readonly logDir?: string;
}

const STAGES = ['parser', 'aggregator', 'loader'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a question to the cluster for up to a minute (a broker may be down by a fault). */
async function untilAnswered<T>(ask: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ask();
    } catch (err) {
      if (attempt >= 20) {
        throw err;
      }
      await sleep(3000);
    }
  }
}

/**
 * One run over the campaign input: its own database, topics, fake EDGAR and relays, the crawler
 * (a backfill) and two processes of each stage on the three-broker cluster; faults if planned.
 * Ends when the backfill has finished and every group's lag is zero, then reads every table.
 */
export async function runCampaign(cluster: ChaosCluster, o: RunOptions, logger: Logger): Promise<RunResult> {
  const began = Date.now();
  const base = loadConfig({ ...process.env, ...cluster.env });
  const id = randomBytes(3).toString('hex');
  const prefix = `chaos-${o.name}-${id}.`;
  const db = new URL(base.databaseUrl);
  const dbName = `sec_tracker_chaos_${o.name}_${id}`;
  db.pathname = `/${dbName}`;
  const databaseUrl = db.toString();
  await ensureDatabase(databaseUrl);
  const pool = createPool({ databaseUrl }, logger, 1);
  await migrate(pool, SQL_DIR, logger);
  await pool.end();
  const kafka = createKafka(base, logger);
  await ensureTopics(kafka, allTopics(prefix));

  const fake = await startFakeEdgar({
    dir: await mkdtemp(path.join(tmpdir(), 'chaos-edgar-')),
    now: () => new Date('2026-03-16T12:00:00-04:00'),
  });
  const input = addCampaignFilings(fake, o.filings);
  const pgUrl = new URL(base.databaseUrl);
  const redisUrl = new URL(base.redisUrl);
  const pgRelay = await startTcpRelay({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const redisRelay = await startTcpRelay({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
  const logDir = o.logDir ?? (await mkdtemp(path.join(tmpdir(), `chaos-${o.name}-`)));
  const rate = Math.min(10, Math.max(1, Math.ceil((o.filings * 1.1) / o.flowSeconds)));
  const fleet = createFleet(
    {
      ...cluster.env,
      DATABASE_URL: pgRelay.url(databaseUrl),
      REDIS_URL: redisRelay.url(base.redisUrl),
      REDIS_NAMESPACE: prefix,
      TOPIC_PREFIX: prefix,
      SEC_BUDGET_KEY: `${prefix}sec-budget`,
      EDGAR_BASE_URL: fake.baseUrl,
      EDGAR_DATA_BASE_URL: fake.dataBaseUrl,
      SEC_USER_AGENT: `sec-tracker chaos ${o.name} chaos@example.com`,
      SEC_RATE_LIMIT: String(rate),
      // A 403 pauses every crawler (SEC's throttle); minutes of pause would outlast the campaign.
      CRAWL_BREAKER_MINUTES: '0.25',
      LOG_LEVEL: 'warn',
    },
    logDir,
  );
  const members: Member[] = [];
  for (const stage of STAGES) {
    for (const n of [1, 2]) {
      members.push(fleet.start(`${stage}-${n}`, stage, ['run', stage]));
    }
  }
  const crawler = fleet.start('crawler', 'crawler', ['backfill', '--from', FROM, '--to', TO, '--forms', '4']);
  let crawled = false;
  void crawler.finished.then(() => (crawled = true));

  const groups = STAGES.map((stage) => ({
    groupId: groupName({ topicPrefix: prefix, groupPrefix: base.groupPrefix }, stage),
    topics: STAGE_INPUTS[stage].map((key) => topicName(prefix, key)),
  }));
  const totalLag = async (): Promise<number> => {
    let sum = 0;
    for (const g of groups) {
      for (const p of await groupLag(kafka, g.groupId, g.topics)) {
        sum += p.lag;
      }
    }
    return sum;
  };
  const loaded = async (): Promise<number> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM transactions');
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  };

  const rawTopics = STAGE_INPUTS.parser.map((key) => topicName(prefix, key));
  const rawDocuments = (): Promise<number> =>
    // A broker may be down (another fault): ask again until the cluster answers.
    untilAnswered(async () => {
      let n = 0;
      for (const topic of rawTopics) {
        const { high, low } = await topicOffsets(kafka, topic);
        n += high.reduce((sum, h, i) => sum + Number(BigInt(h.offset) - BigInt(low[i]?.offset ?? '0')), 0);
      }
      return n;
    });
  const replays: RunResult['replays'] = [];
  const replayParser = async (): Promise<string> => {
    const parsers = members.filter((m) => m.stage === 'parser');
    await Promise.all(parsers.map((m) => m.pause()));
    try {
      const rawAtStart = await rawDocuments();
      const replay = () =>
        fleet.runOnce('parser-replay', ['replay', '--stage', 'parser', '--from', 'earliest']);
      // Run again, as an operator would, when it could not start (Kafka refuses to move a group
      // until the stopped members have left it) or a broker fault cut it short: a replay from the
      // earliest offset may be repeated.
      let attempts = 1;
      let result = await replay();
      for (; result.code !== 0 && attempts < 8; attempts++) {
        logger.warn('parser replay failed; running it again', { run: o.name, code: result.code });
        await sleep(3000);
        result = await replay();
      }
      if (result.code !== 0) {
        throw new Error(
          `parser replay exited with ${result.code} ${attempts} times: ${result.output.slice(-800)}`,
        );
      }
      const producedDuring = (await rawDocuments()) - rawAtStart;
      replays.push({ rawAtStart, producedDuring });
      logger.info('parser replay finished', { run: o.name, rawAtStart, producedDuring, attempts });
      return `parser group: replayed ${rawAtStart} raw documents from the earliest offset (${attempts} run(s)); the crawler produced ${producedDuring} more meanwhile`;
    } finally {
      parsers.forEach((m) => m.resume());
    }
  };

  const faults = o.faults
    ? startFaults(o.faults, {
        cluster,
        fleet: members,
        fake,
        pgRelay,
        redisRelay,
        progress: loaded,
        totalLag,
        replayParser,
        logger,
      })
    : undefined;
  try {
    let zeroSince: number | undefined;
    for (;;) {
      if (Date.now() - began > o.deadlineMs) {
        throw new Error(
          `${o.name} run did not reach zero lag within ${Math.round(o.deadlineMs / 1000)} s (logs: ${logDir})`,
        );
      }
      await sleep(2000);
      if (faults && crawled) {
        await faults.stop();
      }
      const lag = await totalLag().catch(() => Number.NaN);
      const settled = crawled && lag === 0 && (!faults || faults.stopped());
      zeroSince = settled ? (zeroSince ?? Date.now()) : undefined;
      logger.info('campaign progress', { run: o.name, crawled, lag, loaded: await loaded().catch(() => -1) });
      // Zero for a while, not for one poll: a batch may still be on its way between two stages.
      if (zeroSince !== undefined && Date.now() - zeroSince >= 6000) {
        break;
      }
    }
  } finally {
    await faults?.stop();
    await fleet.stopAll();
    await fake.close();
    await Promise.all([pgRelay.close(), redisRelay.close()]);
  }
  const dlq = topicName(prefix, 'deadLetter');
  const ends = await topicOffsets(kafka, dlq);
  const count = ends.high.reduce(
    (n, h, i) => n + Number(BigInt(h.offset) - BigInt(ends.low[i]?.offset ?? '0')),
    0,
  );
  const deadLetters = count > 0 ? (await readTopic(kafka, dlq, count, 30000)).map((m) => m.key ?? '') : [];
  return {
    name: o.name,
    databaseUrl,
    rows: await tableRows(databaseUrl),
    deadLetters,
    bad: input.bad,
    faults: faults?.records ?? [],
    unplannedExits: members.flatMap((m) => m.unplannedExits.map((e) => ({ member: m.name, code: e.code }))),
    replays,
    wallMs: Date.now() - began,
    drop: () => dropDatabase(databaseUrl),
  };
}
