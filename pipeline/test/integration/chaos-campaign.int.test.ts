/**
 * A short fault campaign (issue 12): a few hundred filings through the crawler and two processes of
 * each stage on a three-broker cluster of its own, once clean, once with one broker and one stage
 * process killed with -9 while the filings flow, and once with `sec-tracker replay --stage parser
 * --from earliest` run while the crawler keeps producing; every result table must be the same.
 * Starts and stops its own cluster (its own STACK_DIR and ports), so nothing is left running.
 */
import { runCampaign } from '../../../devtools/chaos/campaign';
import type { RunResult } from '../../../devtools/chaos/campaign';
import { startChaosCluster } from '../../../devtools/chaos/cluster';
import type { ChaosCluster } from '../../../devtools/chaos/cluster';
import type { FaultPlan } from '../../../devtools/chaos/faults';
import { compareRuns } from '../../../devtools/chaos/report';
import { createLogger } from '../../src/shared/logger';

const lines: string[] = [];
const logger = createLogger('info', { test: 'chaos' }, (l) => lines.push(l));
const FILINGS = 200;
const common = { filings: FILINGS, flowSeconds: 30, deadlineMs: 420_000 };
/** Nothing periodic and nothing cut: each test names the one disruption it adds. */
const QUIET: FaultPlan = {
  stageKillEveryMs: 4000,
  stageMinUptimeMs: 5_000,
  maxStageKills: 0,
  brokerKillEveryMs: 8000,
  maxBrokerKills: 0,
  brokerDownMs: 5000,
  cutMs: 0,
  edgarFaultsEach: 0,
};

describe('a short chaos campaign on a three-broker cluster', () => {
  let cluster: ChaosCluster | undefined;
  const runs: RunResult[] = [];
  let clean: RunResult | undefined;
  const cleanRun = async (): Promise<RunResult> => {
    if (!clean) {
      clean = await runCampaign(cluster!, { ...common, name: 'clean' }, logger);
      runs.push(clean);
    }
    return clean;
  };

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
    const clean = await cleanRun();
    const faulted = await runCampaign(
      cluster!,
      { ...common, name: 'faulted', faults: { ...QUIET, maxStageKills: 1, maxBrokerKills: 1 } },
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

  it('replays the parser from the earliest offset while the crawler keeps producing, and ends with the same tables', async () => {
    const clean = await cleanRun();
    // The crawl takes about flowSeconds; the replay starts half-way, with documents both behind
    // it (to parse again) and still to come (produced while it runs).
    const replayed = await runCampaign(
      cluster!,
      {
        ...common,
        name: 'replayed',
        faults: { ...QUIET, parserReplayAtMs: (common.flowSeconds * 1000) / 2 },
      },
      logger,
    );
    runs.push(replayed);
    const report = compareRuns(clean, replayed, clean.wallMs + replayed.wallMs);
    if (!report.ok) {
      process.stdout.write(`${report.text}\n`);
    }
    expect(replayed.faults.map((f) => f.kind)).toEqual(['parser replay from earliest']);
    expect(replayed.replays).toHaveLength(1);
    expect(replayed.replays[0]!.rawAtStart).toBeGreaterThan(0);
    expect(replayed.replays[0]!.producedDuring).toBeGreaterThan(0);
    expect(report.text.split('\n').pop()).toBe('lost=0 doubled=0 faults=1');
    expect(report.ok).toBe(true);
  }, 900_000);
});
