/**
 * Faults a test injects into the fake EDGAR at runtime. A rule matches request paths (including
 * the query string) by substring or RegExp and applies to the next `times` matching requests
 * (all of them when omitted). The first live matching rule wins.
 */
export type FaultKind =
  'status429' | 'status503' | 'status403' | 'notFound' | 'delay' | 'truncate' | 'htmlFeedError';

export interface FaultRule {
  match: string | RegExp;
  kind: FaultKind;
  /** How many matching requests this rule affects; unlimited when omitted. */
  times?: number;
  /** status429/status503: the Retry-After header in seconds (omitted when undefined). */
  retryAfterSeconds?: number;
  /** status403: the throttle page (html, the default) or the archive's AccessDenied XML. */
  body?: 'html' | 'xml';
  /** delay: milliseconds before the normal response starts. */
  delayMs?: number;
  /** truncate: fraction of the body sent before the socket is destroyed (default 0.5). */
  fraction?: number;
}

export interface ActiveFault extends FaultRule {
  readonly id: number;
  /** How many requests it has affected so far. */
  hits: number;
}

export interface Faults {
  add(rule: FaultRule): ActiveFault;
  remove(id: number): void;
  clear(): void;
  list(): readonly ActiveFault[];
  /** Picks the fault for a request and counts it as used; undefined when none applies. */
  take(pathWithQuery: string): ActiveFault | undefined;
}

export function createFaults(): Faults {
  let nextId = 1;
  let rules: ActiveFault[] = [];
  const matches = (rule: ActiveFault, path: string): boolean =>
    typeof rule.match === 'string' ? path.includes(rule.match) : rule.match.test(path);
  return {
    add(rule) {
      const active: ActiveFault = { ...rule, id: nextId++, hits: 0 };
      rules.push(active);
      return active;
    },
    remove(id) {
      rules = rules.filter((r) => r.id !== id);
    },
    clear() {
      rules = [];
    },
    list: () => rules,
    take(path) {
      const rule = rules.find((r) => (r.times === undefined || r.hits < r.times) && matches(r, path));
      if (rule) {
        rule.hits++;
      }
      return rule;
    },
  };
}
