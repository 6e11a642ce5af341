/** Query builders for the dashboards: PromQL through the SDK, SQL through a small builder of our own. */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';

/** Every panel and query names its data source through the dashboard's `datasource` variable. */
export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
export const POSTGRES: DataSourceRef = { type: 'grafana-postgresql-datasource', uid: '${datasource}' };

/** A PromQL target; `legend` is Grafana's legend format, e.g. `{{stage}}`. */
export function prom(expr: string, legend?: string): DataqueryBuilder {
  const query = new DataqueryBuilder().datasource(PROMETHEUS).expr(expr).range();
  return legend ? query.legendFormat(legend) : query;
}

/** The shape Grafana's PostgreSQL data source stores for a query written as SQL. */
export interface SqlQuery extends cog.Dataquery {
  refId: string;
  datasource: DataSourceRef;
  editorMode: 'code';
  rawQuery: true;
  format: 'table' | 'time_series';
  rawSql: string;
}

/** The SDK has no builder for the PostgreSQL data source; this is the part of one we use. */
export class SqlQueryBuilder implements cog.Builder<cog.Dataquery> {
  private readonly query: SqlQuery;

  constructor(rawSql: string, format: SqlQuery['format']) {
    this.query = {
      refId: 'A',
      datasource: POSTGRES,
      editorMode: 'code',
      rawQuery: true,
      format,
      rawSql: rawSql.trim(),
      _implementsDataqueryVariant: () => undefined,
    };
  }

  refId(refId: string): this {
    this.query.refId = refId;
    return this;
  }

  build(): SqlQuery {
    return this.query;
  }
}

/** SQL returning rows for a table panel. */
export const sqlTable = (rawSql: string): SqlQueryBuilder => new SqlQueryBuilder(rawSql, 'table');
/** SQL returning a `time` column and value columns for a time series panel. */
export const sqlSeries = (rawSql: string): SqlQueryBuilder => new SqlQueryBuilder(rawSql, 'time_series');
