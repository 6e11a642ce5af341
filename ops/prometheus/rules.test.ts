/**
 * Prometheus rules and Alertmanager routing, checked with Debian's promtool and amtool (installed by
 * .ci/run): the config and rules load, every alert's unit tests pass, and every alert is complete
 * (severity, annotations, a runbook section) and tested on both sides of its firing point.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadAlertRules } from '../test/rule-files';

const DIR = __dirname;
const ALERTMANAGER_CONFIG = path.join(DIR, '../alertmanager/alertmanager.yml');
const TEST_FILES = readdirSync(path.join(DIR, 'tests'))
  .filter((f) => f.endsWith('-test.yml'))
  .map((f) => path.join(DIR, 'tests', f));

function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { cwd: DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        `${tool} not found: .ci/run installs it (apt-get install prometheus prometheus-alertmanager)`,
        { cause: err },
      );
    }
    throw new Error(`${tool} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`, {
      cause: err,
    });
  }
}

/** promtool durations as used in the tests: 30s, 5m, 1h. */
function seconds(duration: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(duration);
  if (!m) {
    throw new Error(`unsupported duration "${duration}"`);
  }
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'];
}

interface AlertCase {
  eval_time: string;
  alertname: string;
  exp_alerts?: unknown[];
}
interface TestFile {
  evaluation_interval?: string;
  tests: { name?: string; alert_rule_test?: AlertCase[] }[];
}

const alerts = loadAlertRules();

describe('Prometheus rules and Alertmanager config', () => {
  it('prometheus.yml and the rules it loads pass promtool check config', () => {
    expect(run('promtool', ['check', 'config', 'prometheus.yml'])).toMatch(/is valid prometheus config/);
  });

  it('every alert unit test passes (promtool test rules)', () => {
    expect(TEST_FILES.length).toBeGreaterThan(0);
    expect(run('promtool', ['test', 'rules', ...TEST_FILES])).not.toMatch(/FAILED/);
  });

  it('the Alertmanager config passes amtool check-config', () => {
    expect(run('amtool', ['check-config', ALERTMANAGER_CONFIG])).toMatch(/SUCCESS/);
  });

  const RECEIVERS = { critical: 'on-call', warning: 'team' } as const;
  it.each(Object.entries(RECEIVERS))(
    'alerts of severity %s route to %s (amtool config routes test)',
    (severity, receiver) => {
      const routed = run('amtool', [
        'config',
        'routes',
        'test',
        `--config.file=${ALERTMANAGER_CONFIG}`,
        `severity=${severity}`,
      ]).trim();
      expect(routed).toBe(receiver);
    },
  );

  const runbook = readFileSync(path.join(DIR, '../runbook.md'), 'utf8');
  it.each(alerts.map((a) => [a.alert, a] as const))(
    '%s has a severity, a summary, a description and a runbook section',
    (name, a) => {
      expect(Object.keys(RECEIVERS)).toContain(a.labels.severity);
      expect(a.annotations.summary).toBeTruthy();
      expect(a.annotations.description).toBeTruthy();
      expect(a.annotations.runbook_url).toBe(`{{ $externalLabels.runbook_base }}#${name.toLowerCase()}`);
      expect(runbook).toContain(`\n## ${name}\n`);
    },
  );

  const files = TEST_FILES.map((f) => parse(readFileSync(f, 'utf8')) as TestFile);
  it.each(alerts.map((a) => [a.alert] as const))(
    '%s is tested firing, and silent one evaluation before it fires',
    (name) => {
      const bracketed = files.some((file) => {
        const step = seconds(file.evaluation_interval ?? '1m');
        return file.tests.some((t) => {
          const cases = (t.alert_rule_test ?? []).filter((c) => c.alertname === name);
          const silentAt = new Set(
            cases.filter((c) => (c.exp_alerts ?? []).length === 0).map((c) => seconds(c.eval_time)),
          );
          return cases.some(
            (c) => (c.exp_alerts ?? []).length > 0 && silentAt.has(seconds(c.eval_time) - step),
          );
        });
      });
      expect(bracketed).toBe(true);
    },
  );
});
