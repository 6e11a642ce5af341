import type { Logger } from '../logger';
import type { Metrics } from './metrics';

/** The part of a pg.Pool the probe uses. */
export interface ProbedPool {
  query(sql: string): Promise<unknown>;
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface PostgresProbeOptions {
  pool: ProbedPool;
  metrics: Metrics;
  /** The stage (or `api`) owning the pool: the `stage` label. */
  stage: string;
  logger: Logger;
  /** @defaultValue 5000 */
  intervalMs?: number;
  /** A probe that takes longer counts as unreachable. @defaultValue 3000 */
  timeoutMs?: number;
}

export interface PostgresProbe {
  /** The probe made at start; resolves when it has been recorded. */
  readonly firstProbe: Promise<void>;
  /** One probe now (the timer calls it too); never rejects. */
  probeOnce(): Promise<void>;
  stop(): void;
}

/**
 * Publishes `sec_tracker_postgres_up{stage}`: 1 when `SELECT 1` through the stage's own pool
 * answered within the timeout at the last probe, 0 otherwise. Probed on a timer rather than at
 * scrape time, so a scrape never waits on Postgres and a stage that is busy retrying still reports.
 * The pool's clients by state (`total`, `idle`, `waiting`) are published with each probe.
 */
export function watchPostgres(o: PostgresProbeOptions): PostgresProbe {
  const up = o.metrics.gauge({
    name: 'sec_tracker_postgres_up',
    help: '1 when the last SELECT 1 through this stage’s pool answered in time, 0 when it failed',
    labelNames: ['stage'],
  });
  const clients = o.metrics.gauge({
    name: 'sec_tracker_postgres_pool_clients',
    help: 'Clients of this stage’s Postgres pool, by state (total, idle, waiting for a client)',
    labelNames: ['stage', 'state'],
  });
  const timeoutMs = o.timeoutMs ?? 3000;
  let inFlight = false;
  let wasUp: boolean | undefined;

  const record = (ok: boolean, err?: unknown): void => {
    up.set({ stage: o.stage }, ok ? 1 : 0);
    // Logged on a change, and at start only when unreachable (a healthy start is the normal case).
    if (ok !== wasUp && (wasUp !== undefined || !ok)) {
      o.logger[ok ? 'info' : 'warn'](ok ? 'postgres reachable again' : 'postgres unreachable', { err });
    }
    wasUp = ok;
  };

  async function probeOnce(): Promise<void> {
    clients.set({ stage: o.stage, state: 'total' }, o.pool.totalCount);
    clients.set({ stage: o.stage, state: 'idle' }, o.pool.idleCount);
    clients.set({ stage: o.stage, state: 'waiting' }, o.pool.waitingCount);
    if (inFlight) {
      // The previous probe has not answered in a whole interval: that is an answer too.
      record(false, new Error('previous probe still waiting'));
      return;
    }
    inFlight = true;
    let timer: NodeJS.Timeout | undefined;
    const query = o.pool.query('SELECT 1').finally(() => (inFlight = false));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([query, timeout]);
      record(true);
    } catch (err) {
      record(false, err);
    } finally {
      clearTimeout(timer);
      // The query may still settle after the timeout; its rejection is already accounted for.
      query.catch(() => undefined);
    }
  }

  const firstProbe = probeOnce();
  const interval = setInterval(() => void probeOnce(), o.intervalMs ?? 5000);
  interval.unref();
  return {
    firstProbe,
    probeOnce,
    stop: () => clearInterval(interval),
  };
}
