import type pg from 'pg';

/** A plan node of EXPLAIN (FORMAT JSON), as much of it as the checks read. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every relation the plan reads with a sequential scan. */
export function sequentialScans(plan: PlanNode): string[] {
  const own = plan['Node Type'] === 'Seq Scan' && plan['Relation Name'] ? [plan['Relation Name']] : [];
  return [...own, ...(plan.Plans ?? []).flatMap(sequentialScans)];
}

export interface ExplainedQuery {
  label: string;
  text: string;
  seqScans: string[];
}

/**
 * A pool stand-in that runs every query it is given and, first, EXPLAINs it with the same
 * parameters, so a test can check the plans of whatever SQL a route (or query function) issues
 * without restating that SQL.
 */
export function explainingPool(
  pool: pg.Pool,
  record: (q: ExplainedQuery) => void,
  label: () => string,
): pg.Pool {
  const query = async (text: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
    const sql = typeof text === 'string' ? text : text.text;
    const params = typeof text === 'string' ? values : text.values;
    if (/^\s*(SELECT|WITH)\b/i.test(sql) && !/^\s*SELECT 1\s*$/i.test(sql)) {
      const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${sql}`,
        params,
      );
      record({ label: label(), text: sql, seqScans: sequentialScans(rows[0]!['QUERY PLAN'][0].Plan) });
    }
    return pool.query(sql, params);
  };
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'query') {
        return query;
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
