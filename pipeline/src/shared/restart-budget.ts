import type { RestartPolicy } from './errors';

export interface RestartBudget {
  /** Records a restart at `now`; false when it is one more than the policy allows in its window. */
  allow(now: number): boolean;
  /** Restarts recorded inside the window ending at `now`. */
  recent(now: number): number;
}

/** A sliding window of restart times (the policy's `max` restarts per `windowMs`). */
export function createRestartBudget(policy: RestartPolicy): RestartBudget {
  const times: number[] = [];
  const prune = (now: number) => {
    while (times.length > 0 && (times[0] ?? 0) <= now - policy.windowMs) {
      times.shift();
    }
  };
  return {
    allow(now) {
      prune(now);
      times.push(now);
      return times.length <= policy.max;
    },
    recent(now) {
      prune(now);
      return times.length;
    },
  };
}
