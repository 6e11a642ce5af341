/**
 * `sec-tracker stack up|down|status`: a real local Kafka (KRaft) and Apicurio schema registry
 * without Docker, fetched from Maven Central into STACK_DIR, next to an existing Postgres and Redis.
 *
 * Layout under STACK_DIR (default ops/.stack, relative to the repo root):
 *   cache/  kafka-<version>/ jars, apicurio-<version>/ unpacked registry (reused by later runs)
 *   data/   kafka/ (KRaft log dir), registry/ (temp files; schemas live in Postgres)
 *   logs/   kafka.log, kafka-console.log, registry.log, stack.log
 *   run/    kafka.pid, registry.pid (pid + /proc start time), kafka.properties, stack.lock
 */
import type { Config } from '../../pipeline/src/config/config';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { StackReport } from './report';
import type { StackOptions } from './setup';
import { stackStatus } from './stack-status';
import { stackUp } from './stack-up';

export { stackUp } from './stack-up';
export { stackDown } from './stack-down';
export { stackStatus } from './stack-status';
export { formatReport } from './report';
export type { ComponentReport, ComponentState, StackReport } from './report';
export type { StackOptions } from './setup';
export type { KafkaProbe } from './kafka-probe';
export { StackError } from './prerequisites';

/** Up only when something is not healthy: what test setup and `npm start` call. */
export async function ensureStack(
  config: Config,
  logger: Logger,
  options: StackOptions = {},
): Promise<StackReport> {
  const status = await stackStatus(config, { ...options, logger });
  if (status.ok) {
    return status;
  }
  return stackUp(config, logger, options);
}
