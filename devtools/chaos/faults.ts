import type { Logger } from '../../pipeline/src/shared/logger';
import type { FakeEdgar, FaultKind } from '../fake-edgar';
import type { ChaosCluster } from './cluster';
import { BROKERS } from './cluster';
import type { Member } from './fleet';
import type { TcpRelay } from '../tcp-relay';

/** When and how often each kind of fault happens, in ms from the start of the run. */
export interface FaultPlan {
  readonly stageKillEveryMs: number;
  /**
   * Only a process up for this long is killed: one that is still starting (tsx compiling, joining
   * the group) would otherwise be killed again and again on a slow machine, and nothing would move.
   */
  readonly stageMinUptimeMs: number;
  readonly brokerKillEveryMs: number;
  /** How long a killed broker stays down before it is started again. */
  readonly brokerDownMs: number;
  /** Each of these happens once, at that time; never when undefined. */
  readonly registryRestartAtMs?: number;
  readonly postgresCutAtMs?: number;
  readonly redisCutAtMs?: number;
  readonly cutMs: number;
  /**
   * `sec-tracker replay --stage parser --from earliest` at this time, while the crawler keeps
   * producing: the parser instances are stopped, the replay runs to the end of the raw topic as it
   * was when it began, and the instances start again from there (issue 12, replay under load).
   */
  readonly parserReplayAtMs?: number;
  /** EDGAR answers 429, 503, 403 and truncated bodies to this many filing requests each. */
  readonly edgarFaultsEach: number;
  /** Broker kills at most (the in-test campaign kills exactly one broker and one stage). */
  readonly maxBrokerKills?: number;
  readonly maxStageKills?: number;
}

export interface FaultRecord {
  readonly kind: string;
  target: string;
  readonly startedAt: number;
  endedAt?: number;
  /** From the end of the fault until the pipeline made progress again (or had nothing left). */
  recoveryMs?: number;
}

export interface FaultDeps {
  readonly cluster: ChaosCluster;
  readonly fleet: readonly Member[];
  readonly fake: FakeEdgar;
  readonly pgRelay: TcpRelay;
  readonly redisRelay: TcpRelay;
  /** Rows loaded so far (read directly, not through the relays). */
  progress(): Promise<number>;
  totalLag(): Promise<number>;
  /** Runs the parser replay (see FaultPlan.parserReplayAtMs); resolves to what it did, in words. */
  replayParser(): Promise<string>;
  readonly logger: Logger;
}

export interface RunningFaults {
  readonly records: FaultRecord[];
  /** Ends the periodic faults after the current one; waits for the scheduled ones and recoveries. */
  stop(): Promise<void>;
  stopped(): boolean;
}

export const REPLAY_FAULT = 'parser replay from earliest';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EDGAR_KINDS: FaultKind[] = ['status429', 'status503', 'status403', 'truncate'];

export function startFaults(plan: FaultPlan, deps: FaultDeps): RunningFaults {
  const records: FaultRecord[] = [];
  const began = Date.now();
  let stopping = false;
  let done = false;
  const recoveries: Promise<void>[] = [];
  const log = deps.logger.child({ component: 'chaos' });

  const measureRecovery = (record: FaultRecord) => {
    recoveries.push(
      (async () => {
        const end = record.endedAt ?? Date.now();
        const before = await deps.progress().catch(() => -1);
        for (let t = 0; t < 300_000; t += 500) {
          const [now, lag] = await Promise.all([
            deps.progress().catch(() => -1),
            deps.totalLag().catch(() => Number.NaN),
          ]);
          if ((before >= 0 && now > before) || lag === 0) {
            record.recoveryMs = Date.now() - end;
            return;
          }
          await sleep(500);
        }
      })(),
    );
  };
  const fault = async (kind: string, target: string, inject: (record: FaultRecord) => Promise<void>) => {
    const record: FaultRecord = { kind, target, startedAt: Date.now() };
    records.push(record);
    log.warn('fault', { kind, target });
    await inject(record);
    record.endedAt = Date.now();
    measureRecovery(record);
  };
  const at = async (ms: number) => {
    const wait = began + ms - Date.now();
    if (wait > 0) {
      await sleep(wait);
    }
  };
  const nap = async (ms: number) => {
    for (const until = Date.now() + ms; Date.now() < until && !stopping;) {
      await sleep(Math.min(250, until - Date.now()));
    }
  };
  const once = async (ms: number | undefined, what: () => Promise<void>) => {
    if (ms !== undefined) {
      await at(ms);
      await what();
    }
  };
  /** Every `ms`, up to `max` faults injected; a turn that finds nothing to fault does not count. */
  const every = async (ms: number, max: number, inject: (i: number) => Promise<boolean | void>) => {
    for (let i = 0; i < max && !stopping;) {
      await nap(ms);
      if (!stopping && (await inject(i)) !== false) {
        i++;
      }
    }
  };

  // The fake EDGAR misbehaves on filing requests: each rule applies to its next N matches.
  for (const kind of plan.edgarFaultsEach > 0 ? EDGAR_KINDS : []) {
    deps.fake.faults.add({
      match: /\.txt$/,
      kind,
      times: plan.edgarFaultsEach,
      ...(kind === 'status429' || kind === 'status503' ? { retryAfterSeconds: 1 } : {}),
    });
  }

  const loops = [
    every(plan.stageKillEveryMs, plan.maxStageKills ?? Infinity, async () => {
      const ready = deps.fleet.filter(
        (m) => m.running() && Date.now() - m.upSince() >= plan.stageMinUptimeMs,
      );
      const victim = ready[Math.floor(Math.random() * ready.length)];
      if (!victim) {
        return false; // every instance is still starting: try again next turn
      }
      // The supervisor starts it again a second later, as systemd or Kubernetes would.
      await fault('stage kill -9', victim.name, async () => {
        victim.kill9();
        await sleep(1000);
      });
      return true;
    }),
    every(plan.brokerKillEveryMs, plan.maxBrokerKills ?? Infinity, async () => {
      const id = 1 + Math.floor(Math.random() * BROKERS);
      await fault('broker kill -9', `kafka-${id}`, async () => {
        await deps.cluster.bounceBroker(id, plan.brokerDownMs);
      });
    }),
    once(plan.registryRestartAtMs, async () => {
      await fault('registry restart', 'registry', async () => {
        await deps.cluster.bounceRegistry();
      });
    }),
    once(plan.parserReplayAtMs, async () => {
      await fault(REPLAY_FAULT, 'parser group', async (record) => {
        record.target = await deps.replayParser();
      });
    }),
    once(plan.postgresCutAtMs, async () => {
      await fault('postgres cut', `relay :${deps.pgRelay.port}`, async () => {
        await deps.pgRelay.cut();
        await sleep(plan.cutMs);
        await deps.pgRelay.restore();
      });
    }),
    once(plan.redisCutAtMs, async () => {
      await fault('redis cut', `relay :${deps.redisRelay.port}`, async () => {
        await deps.redisRelay.cut();
        await sleep(plan.cutMs);
        await deps.redisRelay.restore();
      });
    }),
  ];
  // A fault that could not be injected (or recovered from) ends the run at stop(), with its error;
  // until then it must not surface as an unhandled rejection that kills the campaign mid-run.
  let failure: Error | undefined;
  const watched = loops.map((loop) =>
    loop.catch((err: unknown) => {
      failure ??= err instanceof Error ? err : new Error(`fault failed: ${JSON.stringify(err)}`);
      log.error('fault failed', { err });
    }),
  );
  let stoppingAll: Promise<void> | undefined;
  return {
    records,
    stopped: () => done,
    stop() {
      stoppingAll ??= (async () => {
        stopping = true;
        await Promise.all(watched);
        await Promise.all(recoveries);
        for (const rule of deps.fake.faults.list()) {
          if (rule.hits > 0) {
            records.push({
              kind: `edgar ${rule.kind}`,
              target: `${rule.hits} filing request(s)`,
              startedAt: began,
              endedAt: began,
            });
          }
        }
        deps.fake.faults.clear();
        done = true;
        if (failure) {
          throw failure;
        }
      })();
      return stoppingAll;
    },
  };
}
