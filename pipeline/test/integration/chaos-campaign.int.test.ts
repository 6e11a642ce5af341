/**
 * A short fault campaign (issue 12): a few hundred filings through the crawler and two processes of
 * each stage on a three-broker cluster of its own, once clean and once with one broker and one
 * stage process killed with -9 while the filings flow; every result table must be the same.
 * Starts and stops its own cluster (its own STACK_DIR and ports), so nothing is left running.
 */
import { runCampaign } from '../../../devtools/chaos/campaign';
import type { RunResult } from '../../../devtools/chaos/campaign';
import { startChaosCluster } from '../../../devtools/chaos/cluster';
import type { ChaosCluster } from '../../../devtools/chaos/cluster';
import { compareRuns } from '../../../devtools/chaos/report';
import { createLogger } from '../../src/shared/logger';

const lines: string[] = [];
const logger = createLogger('info', { test: 'chaos' }, (l) => lines.push(l));
const FILINGS = 200;

describe('a short chaos campaign on a three-broker cluster', () => {
  let cluster: ChaosCluster | undefined;
  const runs: RunResult[] = [];

  beforeAll(async () => {
    cluster = await startChaosCluster(logger, {
      CHAOS_STACK_DIR: 'ops/.stack-chaos-test',
      CHAOS_KAFKA_PORT: '29092',
      CHAOS_REGISTRY_PORT: '28081',
    });
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled(runs.map((r) => r.drop()));
    await cluster?.down();
  }, 120_000);

  it('loads the same rows with a broker and a stage process killed as without faults', async () => {
    const c = cluster!;
    const common = { filings: FILINGS, flowSeconds: 30, deadlineMs: 420_000 };
    const clean = await runCampaign(c, { ...common, name: 'clean' }, logger);
    runs.push(clean);
    const faulted = await runCampaign(
      c,
      {
        ...common,
        name: 'faulted',
        faults: {
          stageKillEveryMs: 4000,
          stageMinUptimeMs: 5_000,
          maxStageKills: 1,
          brokerKillEveryMs: 8000,
          maxBrokerKills: 1,
          brokerDownMs: 5000,
          cutMs: 0,
          edgarFaultsEach: 0,
        },
      },
      logger,
    );
    runs.push(faulted);
    const report = compareRuns(clean, faulted, clean.wallMs + faulted.wallMs);
    if (!report.ok) {
      process.stdout.write(`${report.text}\n`);
    }
    expect(faulted.faults.map((f) => f.kind).sort()).toEqual(['broker kill -9', 'stage kill -9']);
    expect(clean.rows.get('transactions')?.length).toBeGreaterThan(FILINGS);
    expect(clean.deadLetters.length).toBeGreaterThan(0);
    expect(report.text.split('\n').pop()).toBe('lost=0 doubled=0 faults=2');
    expect(report.ok).toBe(true);
  }, 900_000);
});
