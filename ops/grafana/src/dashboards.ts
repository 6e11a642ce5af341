/** Every dashboard of ops/grafana/dashboards, built from code; `npm run dashboards` writes them. */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { apiDashboard } from './api';
import { insiderActivityDashboard } from './insider-activity';
import { pipelineDashboard } from './pipeline';

export const DASHBOARDS: { file: string; build: () => Dashboard }[] = [
  { file: 'pipeline.json', build: () => pipelineDashboard().build() },
  { file: 'api.json', build: () => apiDashboard().build() },
  { file: 'insider-activity.json', build: () => insiderActivityDashboard().build() },
];

/** The committed form: panel ids numbered in order (Grafana keys panel state by id), 2-space JSON. */
export function renderDashboard(dashboard: Dashboard): string {
  const numbered = { ...dashboard, panels: (dashboard.panels ?? []).map((p, i) => ({ ...p, id: i + 1 })) };
  return `${JSON.stringify(numbered, null, 2)}\n`;
}
