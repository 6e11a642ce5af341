/** docker-compose.yml and the Dockerfile read into the shapes compose.test.ts checks. Pure. */
import { parse } from 'yaml';

export interface ComposeService {
  name: string;
  dockerfile?: string;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  containerName?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
}

interface RawService {
  build?: { dockerfile?: string } | string;
  command?: string[] | string;
  entrypoint?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number)[];
  volumes?: string[];
  container_name?: string;
  healthcheck?: { test?: string[] | string; disable?: boolean };
}

const words = (v: string[] | string | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.map(String) : v.split(/\s+/).filter(Boolean);

function environment(env: RawService['environment']): Record<string, string> {
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Compose's `${VAR:-default}` as it resolves with VAR unset. */
const interpolate = (value: string): string => value.replace(/\$\{\w+:-([^}]*)\}/g, '$1');

export function composeApp(yaml: string) {
  const doc = parse(yaml, { merge: true }) as { services: Record<string, RawService> };
  const all = Object.entries(doc.services).map(([name, s]): ComposeService => ({
    name,
    dockerfile: typeof s.build === 'object' ? s.build.dockerfile : undefined,
    command: words(s.command),
    entrypoint: words(s.entrypoint),
    environment: Object.fromEntries(
      Object.entries(environment(s.environment)).map(([k, v]) => [k, interpolate(v)]),
    ),
    ports: (s.ports ?? []).map(String),
    volumes: s.volumes ?? [],
    containerName: s.container_name,
    healthcheck: s.healthcheck && { test: words(s.healthcheck.test), disable: s.healthcheck.disable },
  }));
  return {
    services: () => all,
    service: (name: string) => all.find((s) => s.name === name),
    /** The services running the sec-tracker image. */
    appServices: () => all.filter((s) => s.dockerfile === 'ops/deploy/Dockerfile'),
  };
}

/** `ENV A=1 B=2` lines of a Dockerfile (with `\` continuations), as the process sees them. */
export function dockerfileEnv(dockerfile: string): Record<string, string> {
  const joined = dockerfile.replace(/\\\n/g, ' ');
  const env: Record<string, string> = {};
  for (const line of joined.split('\n').filter((l) => /^ENV\s/.test(l))) {
    for (const [, key, value] of line.slice(4).matchAll(/(\w+)=(\S*)/g)) {
      env[key!] = value!;
    }
  }
  return env;
}

/** Ports of a Prometheus job's DNS service discovery for one compose service. */
export function sdPorts(
  job: { dns_sd_configs?: { names: string[]; port: number }[] },
  service: string,
): number[] {
  return (job.dns_sd_configs ?? []).filter((c) => c.names.includes(service)).map((c) => c.port);
}
