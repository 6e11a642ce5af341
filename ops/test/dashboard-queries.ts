/** Reads the committed dashboards (ops/grafana/dashboards/*.json) and lists every query of every panel. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DASHBOARDS_DIR = path.join(__dirname, '../grafana/dashboards');

export interface DashboardJson {
  uid: string;
  title: string;
  time: { from: string; to: string };
  templating: { list: { name: string; type: string; query?: string; current?: { value: string } }[] };
  panels: PanelJson[];
}

export interface PanelJson {
  id: number;
  type: string;
  title: string;
  description?: string;
  timeFrom?: string;
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr?: string; rawSql?: string; datasource?: { type: string; uid: string } }[];
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  refId: string;
  kind: 'promql' | 'sql';
  text: string;
  /** How far back the panel looks: its relative time override (`7d`), else the dashboard's (`now-30d`). */
  range: string;
  /** The dashboard's variables with their default values (for substitution in tests). */
  variables: Record<string, string>;
}

export function loadDashboards(dir = DASHBOARDS_DIR): { file: string; json: DashboardJson }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as DashboardJson }));
}

export function panelQueries(dashboards = loadDashboards()): PanelQuery[] {
  return dashboards.flatMap(({ json }) => {
    const variables = Object.fromEntries(
      json.templating.list.filter((v) => v.current).map((v) => [v.name, v.current!.value]),
    );
    return json.panels.flatMap((panel) =>
      (panel.targets ?? []).map((t): PanelQuery => {
        const sql = t.rawSql !== undefined;
        return {
          dashboard: json.title,
          panel: panel.title,
          refId: t.refId,
          kind: sql ? 'sql' : 'promql',
          text: (sql ? t.rawSql : t.expr) ?? '',
          range: panel.timeFrom ?? json.time.from,
          variables,
        };
      }),
    );
  });
}
