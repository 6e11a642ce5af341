/** Dashboard variables: the data source of each dashboard (provisioned by ops/grafana/provisioning). */
import { DatasourceVariableBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

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
