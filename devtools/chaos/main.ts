/**
 * `npm run chaos [-- --filings N --minutes M]`: a fault campaign on a local three-broker cluster.
 *
 * Runs the same input twice, each run with its own database and topics: clean, then with faults
 * injected while the filings flow (stage processes and brokers killed with -9, the registry
 * restarted, Postgres and Redis cut for 30 s through TCP relays, EDGAR answering 429/503/403 and
 * truncated bodies, and `sec-tracker replay --stage parser --from earliest` while the crawler keeps
 * producing). Compares every result table row by row and prints the faults, the rows, the
 * dead letters, rows lost and doubled, the longest recovery and the wall time; the last line is
 * `lost=0 doubled=0 faults=<n>` or the first difference. Exit status 0 only when nothing differs.
 *
 * The cluster lives in CHAOS_STACK_DIR (default ops/.stack-chaos) on ports 19092-19094 (brokers),
 * 19192-19194 (controllers) and 18081 (registry); Postgres and Redis are the ones DATABASE_URL and
 * REDIS_URL name (never stopped: cut through relays). The cluster is stopped at the end.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../../pipeline/src/shared/logger';
import { runCampaign } from './campaign';
import { startChaosCluster } from './cluster';
import { compareRuns } from './report';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      filings: { type: 'string', default: '800' },
      minutes: { type: 'string', default: '10' },
      'keep-cluster': { type: 'boolean', default: false },
    },
  });
  const filings = Number(values.filings);
  const minutes = Number(values.minutes);
  if (!(filings >= 50) || !(minutes >= 2)) {
    process.stderr.write('--filings must be at least 50 and --minutes at least 2\n');
    return 2;
  }
  const logger = createLogger((process.env.LOG_LEVEL as 'info' | undefined) ?? 'info', {
    component: 'chaos',
  });
  const began = Date.now();
  // Each of the two runs gets about a third of the time for its filings to flow in.
  const flowSeconds = Math.max(30, Math.round((minutes * 60) / 3.2));
  process.stderr.write(`chaos: ${filings} filings, two runs of ~${flowSeconds} s of input each\n`);
  const cluster = await startChaosCluster(logger);
  try {
    // A safety bound only: each run normally ends well before (the faulted one recovers after).
    const deadlineMs = minutes * 90_000;
    const clean = await runCampaign(cluster, { name: 'clean', filings, flowSeconds, deadlineMs }, logger);
    const flow = flowSeconds * 1000;
    const chaos = await runCampaign(
      cluster,
      {
        name: 'faulted',
        filings,
        flowSeconds,
        deadlineMs,
        faults: {
          stageKillEveryMs: 8000,
          stageMinUptimeMs: 30_000,
          brokerKillEveryMs: Math.max(20_000, Math.round(flow / 4)),
          brokerDownMs: 10_000,
          postgresCutAtMs: Math.round(flow * 0.15),
          redisCutAtMs: Math.round(flow * 0.45),
          registryRestartAtMs: Math.round(flow * 0.7),
          parserReplayAtMs: Math.round(flow * 0.55),
          cutMs: 30_000,
          edgarFaultsEach: 3,
        },
      },
      logger,
    );
    const report = compareRuns(clean, chaos, Date.now() - began);
    process.stdout.write(report.text + '\n');
    if (report.ok) {
      await Promise.all([clean.drop(), chaos.drop()]);
    } else {
      process.stdout.write(`databases kept for a look: ${clean.databaseUrl} ${chaos.databaseUrl}\n`);
    }
    return report.ok ? 0 : 1;
  } finally {
    if (!values['keep-cluster']) {
      await cluster.down();
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`chaos: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
