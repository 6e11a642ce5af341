/** `npm run dashboards`: writes ops/grafana/dashboards/*.json from the code in this folder. */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DASHBOARDS, renderDashboard } from './dashboards';

const OUT = path.join(__dirname, '..', 'dashboards');
const files = new Set(DASHBOARDS.map((d) => d.file));
for (const stale of readdirSync(OUT).filter((f) => f.endsWith('.json') && !files.has(f))) {
  rmSync(path.join(OUT, stale));
}
for (const d of DASHBOARDS) {
  writeFileSync(path.join(OUT, d.file), renderDashboard(d.build()));
  process.stdout.write(`wrote ops/grafana/dashboards/${d.file}\n`);
}
