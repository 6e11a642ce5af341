/**
 * docker-compose.yml against the code (no Docker engine needed): the sec-tracker services set only
 * variables the config knows, run commands the CLI has, every stage runs and scales, Prometheus
 * scrapes the ports the processes listen on, and the rules and Alertmanager config are mounted
 * where the configs expect them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { COMMANDS } from '../../cli/src/commands';
import { loadConfig, VARIABLES } from '../../pipeline/src/config/config';
import { STAGE_NAMES } from '../../pipeline/src/runtime/run-stages';
import { composeApp, dockerfileEnv, sdPorts } from './compose-model';
import type { ComposeService } from './compose-model';

const ROOT = path.join(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const compose = composeApp(read('docker-compose.yml'));
const prometheus = parse(read('ops/prometheus/prometheus.yml')) as {
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: {
    job_name: string;
    static_configs?: { targets: string[] }[];
    dns_sd_configs?: { names: string[]; port: number }[];
  }[];
};
const variableNames = new Set(Object.values(VARIABLES).map((v) => v.name));
const apps = compose.appServices();

/** The config the process in a service sees: image ENV, then the service's environment. */
function serviceConfig(service: ComposeService) {
  return loadConfig({ ...dockerfileEnv(read('ops/deploy/Dockerfile')), ...service.environment });
}

/** The `sec-tracker …` invocations of a service: its command, or the ones in a shell entrypoint. */
function invocations(service: ComposeService): string[][] {
  if (service.entrypoint) {
    const script = service.entrypoint.join(' ');
    return [...script.matchAll(/cli\/bin\/sec-tracker\.js ([^&;|]+)/g)].map((m) => m[1]!.trim().split(/\s+/));
  }
  return service.command ? [service.command] : [];
}

describe('docker-compose.yml against the code', () => {
  it('builds every sec-tracker service from ops/deploy/Dockerfile', () => {
    expect(apps.map((s) => s.name).sort()).toEqual([
      'aggregator',
      'analysis',
      'api',
      'crawler',
      'loader',
      'parser',
      'setup',
    ]);
  });

  it.each(apps.map((s) => [s.name, s] as const))('%s sets only variables the config knows', (_, service) => {
    expect(Object.keys(service.environment).filter((k) => !variableNames.has(k))).toEqual([]);
    expect(() => serviceConfig(service)).not.toThrow();
  });

  it('the image sets only variables the config knows (besides Node’s own)', () => {
    const env = Object.keys(dockerfileEnv(read('ops/deploy/Dockerfile'))).filter(
      (k) => !k.startsWith('NODE_'),
    );
    expect(env.length).toBeGreaterThan(0);
    expect(env.filter((k) => !variableNames.has(k))).toEqual([]);
  });

  it.each(apps.map((s) => [s.name, s] as const))('%s runs commands the CLI has', (_, service) => {
    const runs = invocations(service);
    expect(runs.length).toBeGreaterThan(0);
    for (const [name, ...args] of runs) {
      const command = COMMANDS.find((c) => c.name === name);
      expect(command?.name).toBe(name);
      for (const flag of args.filter((a) => a.startsWith('--'))) {
        expect(command?.help).toContain(flag);
      }
      if (name === 'run') {
        expect(STAGE_NAMES).toContain(args[0]);
      }
    }
    const health = service.healthcheck?.test?.slice(1) ?? ['node', 'cli/bin/sec-tracker.js', 'health'];
    if (!service.healthcheck?.disable) {
      expect(health.slice(0, 3)).toEqual(['node', 'cli/bin/sec-tracker.js', 'health']);
      expect(health.slice(3).every((f) => COMMANDS.find((c) => c.name === 'health')!.help.includes(f))).toBe(
        true,
      );
    }
  });

  it('runs every pipeline stage, each scalable: no container name, no fixed host port', () => {
    for (const stage of STAGE_NAMES) {
      const service = apps.find((s) => s.command?.[0] === 'run' && s.command[1] === stage);
      expect(service?.name).toBe(stage);
      expect(service?.containerName).toBeUndefined();
      expect(service?.ports).toEqual([]);
    }
    const api = apps.find((s) => s.name === 'api')!;
    expect(api.containerName).toBeUndefined();
    expect(api.ports.every((p) => /^\d+-\d+:\d+$/.test(p))).toBe(true);
  });

  it('Prometheus scrapes each stage and the API on the port its config listens on', () => {
    for (const job of prometheus.scrape_configs.filter((j) => apps.some((s) => s.name === j.job_name))) {
      const service = apps.find((s) => s.name === job.job_name)!;
      const config = serviceConfig(service);
      // The API serves /metrics on a port of its own (API_METRICS_PORT), not on its public port.
      const metricsPort = job.job_name === 'api' ? config.apiMetricsPort : config.metricsPort;
      expect({ job: job.job_name, ports: sdPorts(job, service.name) }).toEqual({
        job: job.job_name,
        ports: [metricsPort],
      });
    }
    const api = apps.find((s) => s.name === 'api')!;
    expect(api.ports.map((p) => Number(p.split(':')[1]))).toEqual([serviceConfig(api).apiPort]);
  });

  it('every static scrape target and the Alertmanager are services of the compose file', () => {
    const targets = [
      ...prometheus.scrape_configs.flatMap((j) => j.static_configs?.flatMap((c) => c.targets) ?? []),
      ...prometheus.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((c) => c.targets)),
    ].filter((t) => !t.startsWith('localhost:'));
    for (const target of targets) {
      expect(compose.service(target.split(':')[0]!)?.name).toBe(target.split(':')[0]);
    }
  });

  it('mounts prometheus.yml with its rule files beside it, and the Alertmanager config it is started with', () => {
    const prom = compose.service('prometheus')!;
    expect(prom.volumes).toContain('./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    for (const rules of prometheus.rule_files) {
      expect(prom.volumes).toContain(`./ops/prometheus/${rules}:/etc/prometheus/${rules}:ro`);
    }
    const am = compose.service('alertmanager')!;
    expect(am.volumes).toContain('./ops/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro');
    expect(am.command).toContain('--config.file=/etc/alertmanager/alertmanager.yml');
  });

  it('gives every long-running service a health check', () => {
    for (const service of compose.services().filter((s) => s.name !== 'setup')) {
      const own = service.healthcheck?.test !== undefined && !service.healthcheck.disable;
      const fromImage = apps.includes(service);
      expect({ service: service.name, healthcheck: own || fromImage }).toEqual({
        service: service.name,
        healthcheck: true,
      });
    }
    expect(read('ops/deploy/Dockerfile')).toMatch(/^HEALTHCHECK .*\n?.*sec-tracker\.js", "health"\]/m);
  });
});
