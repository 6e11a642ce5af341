/** Reads the alerting rules of ops/prometheus/alerts.yml, for the tests that check them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const ALERTS_FILE = path.join(__dirname, '../prometheus/alerts.yml');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function loadAlertRules(file = ALERTS_FILE): AlertRule[] {
  const doc = parse(readFileSync(file, 'utf8')) as { groups: { rules: Partial<AlertRule>[] }[] };
  return doc.groups.flatMap((g) =>
    g.rules
      .filter((r): r is AlertRule => typeof r.alert === 'string')
      .map((r) => ({ ...r, labels: r.labels ?? {}, annotations: r.annotations ?? {} })),
  );
}
