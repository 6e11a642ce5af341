/**
 * The committed dashboards are exactly what ops/grafana/src generates (`npm run dashboards` writes
 * them), and they are wired to the provisioned data sources.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DASHBOARDS_DIR, loadDashboards, panelQueries } from '../test/dashboard-queries';
import { DASHBOARDS, renderDashboard } from './src/dashboards';

const committed = loadDashboards();
const provisioned = parse(
  readFileSync(path.join(__dirname, 'provisioning/datasources/datasources.yml'), 'utf8'),
) as { datasources: { uid: string; type: string }[] };

describe('Grafana dashboards', () => {
  it('the committed files are the generated dashboards, and only those (run `npm run dashboards`)', () => {
    expect(committed.map((d) => d.file).sort()).toEqual(DASHBOARDS.map((d) => d.file).sort());
    for (const d of DASHBOARDS) {
      expect(readFileSync(path.join(DASHBOARDS_DIR, d.file), 'utf8')).toBe(renderDashboard(d.build()));
    }
  });

  it('are Pipeline, API and Insider activity, with unique uids', () => {
    expect(committed.map((d) => d.json.title).sort()).toEqual(['API', 'Insider activity', 'Pipeline']);
    expect(new Set(committed.map((d) => d.json.uid)).size).toBe(committed.length);
  });

  it.each(committed.map((d) => [d.json.title, d.json] as const))(
    '%s: every panel says what it shows and queries through the dashboard’s provisioned data source',
    (_, json) => {
      const variable = json.templating.list.find((v) => v.name === 'datasource');
      const source = provisioned.datasources.find((s) => s.uid === variable?.current?.value);
      expect(source?.type).toBe(variable?.query);
      for (const panel of json.panels.filter((p) => p.type !== 'row')) {
        expect(panel.description).toBeTruthy();
        expect(panel.datasource).toEqual({ type: source?.type, uid: '${datasource}' });
        const targets = panel.targets ?? [];
        expect(targets.length).toBeGreaterThan(0);
        expect(new Set(targets.map((t) => t.refId)).size).toBe(targets.length);
        for (const t of targets) {
          expect(t.datasource).toEqual(panel.datasource);
        }
      }
      expect(new Set(json.panels.map((p) => p.id)).size).toBe(json.panels.length);
    },
  );

  it('PromQL uses no Grafana variable but $__rate_interval, SQL only the macros the tests expand', () => {
    for (const q of panelQueries(committed)) {
      const variables = q.text.match(/\$\{?\w+\}?(\(\))?/g) ?? [];
      const allowed =
        q.kind === 'promql'
          ? ['$__rate_interval']
          : ['$__timeFilter', '$__timeFrom()', '$__timeTo()', '${min_value}'];
      expect({
        query: `${q.panel}/${q.refId}`,
        unexpected: variables.filter((v) => !allowed.includes(v)),
      }).toEqual({
        query: `${q.panel}/${q.refId}`,
        unexpected: [],
      });
    }
  });
});
