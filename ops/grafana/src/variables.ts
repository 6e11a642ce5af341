/** Dashboard variables and the header every sec-tracker dashboard shares. */
import { DashboardBuilder, DatasourceVariableBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

/** Title, uid, the sec-tracker tag, refresh and default time range, and the data source variable. */
export function secTrackerDashboard(
  title: string,
  o: { uid: string; refresh: string; from: string; datasource: DatasourceVariableBuilder },
): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(o.uid)
    .tags(['sec-tracker'])
    .refresh(o.refresh)
    .time({ from: o.from, to: 'now' })
    .withVariable(o.datasource);
}

export function prometheusVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource')
    .label('Prometheus')
    .type('prometheus')
    .current({ text: 'Prometheus', value: 'prometheus' });
}

export function postgresVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource')
    .label('Postgres')
    .type('grafana-postgresql-datasource')
    .current({ text: 'Postgres', value: 'postgres' });
}
