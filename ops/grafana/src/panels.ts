/**
 * One factory per kind of panel, so every dashboard looks and reads the same: a title, a
 * description saying what is measured, a unit, and targets whose refIds are A, B, C… in order.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { PROMETHEUS } from './queries';

type Target = cog.Builder<cog.Dataquery> & { refId(refId: string): unknown };

export interface PanelOptions {
  description: string;
  /** Grafana unit id: s, percentunit, ops, short, bytes, currencyUSD… */
  unit?: string;
  /** Width in grid columns (24 = full row). @defaultValue 12 */
  width?: number;
  height?: number;
  datasource?: DataSourceRef;
  /** Relative time of this panel only, e.g. `7d` (Grafana's "relative time" override). */
  timeFrom?: string;
}

function common<P extends TimeseriesPanel | StatPanel | TablePanel>(
  panel: P,
  title: string,
  o: PanelOptions,
  targets: Target[],
): P {
  panel
    .title(title)
    .description(o.description)
    .datasource(o.datasource ?? PROMETHEUS)
    .span(o.width ?? 12)
    .height(o.height ?? 8);
  targets.forEach((t, i) => {
    t.refId(String.fromCharCode(65 + i));
    panel.withTarget(t);
  });
  if (o.unit) {
    panel.unit(o.unit);
  }
  if (o.timeFrom) {
    panel.timeFrom(o.timeFrom);
  }
  return panel;
}

export function timeseries(title: string, o: PanelOptions, ...targets: Target[]): TimeseriesPanel {
  return common(new TimeseriesPanel().fillOpacity(10).lineWidth(1), title, o, targets);
}

export function stat(title: string, o: PanelOptions, ...targets: Target[]): StatPanel {
  return common(new StatPanel(), title, o, targets);
}

export function table(title: string, o: PanelOptions, ...targets: Target[]): TablePanel {
  return common(new TablePanel(), title, o, targets);
}
