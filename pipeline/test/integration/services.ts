/**
 * Where the integration tests find real services, in order:
 *  1. the services named by KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL, REDIS_URL;
 *  2. testcontainers, when a Docker engine answers;
 *  3. the project's local stack (`sec-tracker stack up`), started here if needed.
 */
export const SERVICE_VARIABLES = [
  'KAFKA_BROKERS',
  'SCHEMA_REGISTRY_URL',
  'DATABASE_URL',
  'REDIS_URL',
] as const;

export type ServiceEnv = Record<(typeof SERVICE_VARIABLES)[number], string>;

export function servicesFromEnv(env: NodeJS.ProcessEnv): ServiceEnv | undefined {
  if (!SERVICE_VARIABLES.every((v) => env[v])) {
    return undefined;
  }
  return Object.fromEntries(SERVICE_VARIABLES.map((v) => [v, env[v]!])) as ServiceEnv;
}
