/**
 * Before `up` decides what to start: what already answers at KAFKA_BROKERS and SCHEMA_REGISTRY_URL,
 * whoever started it (another checkout's stack, a compose file, a cluster). A component that
 * answers is used as it is, never started a second time: starting it would only collide on its
 * ports and hide the real problem behind "port already in use".
 */
import type { PidState } from './pid-file';
import { probeRegistry } from './registry-probe';
import type { ComponentReport } from './report';
import type { StackSetup } from './setup';

type Answer = { readonly version?: string } | undefined;

export interface AlreadyAnswering {
  readonly kafka: Answer;
  readonly registry: Answer;
}

const answer = (probe: () => Promise<{ version?: string }>): Promise<Answer> =>
  probe().then(
    (r) => (r.version ? { version: r.version } : {}),
    () => undefined,
  );

/**
 * Probes the loopback components this stack has no running process of (by its pid files). Ours are
 * left to `up`, which waits for them; non-loopback ones are only ever checked, never started.
 */
export async function probeAlreadyAnswering(
  s: StackSetup,
  ours: { kafka: PidState; registry: PidState },
): Promise<AlreadyAnswering> {
  const unknown = (managed: boolean, state: PidState) => managed && state.kind !== 'ours';
  const [kafka, registry] = await Promise.all([
    unknown(s.kafka.managed, ours.kafka) ? answer(() => s.probeKafka(s.config.kafkaBrokers)) : undefined,
    unknown(s.registry.managed, ours.registry) ? answer(() => probeRegistry(s.registry.url)) : undefined,
  ]);
  return { kafka, registry };
}

/** Pure: which components `up` must start. */
export function componentsToStart(
  managed: { kafka: boolean; registry: boolean },
  ours: { kafka: PidState; registry: PidState },
  answering: AlreadyAnswering,
): { kafka: boolean; registry: boolean } {
  return {
    kafka: managed.kafka && ours.kafka.kind !== 'ours' && answering.kafka === undefined,
    registry: managed.registry && ours.registry.kind !== 'ours' && answering.registry === undefined,
  };
}

/** Pure: the report row of a component that answered before `up` and was left alone. */
export function answeringReport(
  name: 'kafka' | 'registry',
  address: string,
  found: NonNullable<Answer>,
): ComponentReport {
  return {
    name,
    state: 'running',
    healthy: true,
    address,
    ...(found.version ? { version: found.version } : {}),
    detail: 'already answering, not started by this stack (no pid file in STACK_DIR): used as it is',
  };
}
