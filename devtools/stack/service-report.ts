import type { ComponentReport } from './report';
import type { ServiceCheck } from './services';

/** Pure: Postgres and Redis as report rows. */
export function serviceReports(postgres: ServiceCheck, redis: ServiceCheck): ComponentReport[] {
  const row = (name: 'postgres' | 'redis', check: ServiceCheck): ComponentReport => ({
    name,
    state: check.ok ? 'running' : 'missing',
    healthy: check.ok,
    address: check.address,
    ...(check.version ? { version: check.version } : {}),
    ...(check.detail ? { detail: check.fix ? `${check.detail}; fix: ${check.fix}` : check.detail } : {}),
  });
  return [row('postgres', postgres), row('redis', redis)];
}
