import { z } from 'zod';
import { addDays } from '../../../pipeline/src/shared/calendar';
import { badParameter } from '../errors';
import { amount, date, integer } from '../framework/params';
import { defineRoute } from '../framework/route';
import { queryClusters } from '../queries/clusters';
import { rolesParam, today } from './form4';

export const Cluster = z
  .object({
    issuerCik: z.string(),
    issuerTicker: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    triggerDate: z.string().meta({ description: 'The day the cluster reached its thresholds' }),
    insiderCount: z.number().int(),
    ownerCiks: z.array(z.string()),
    purchaseCount: z.number().int(),
    purchaseShares: z.string(),
    purchaseValue: z.string(),
    minInsiders: z.number().int(),
    windowDays: z.number().int(),
    minValue: z.string(),
    roles: z.array(z.string()),
  })
  .meta({ id: 'Cluster', description: 'Several insiders buying on the open market within a short window' });

export const FilteredClusterSchema = Cluster.extend({
  spanDays: z
    .number()
    .int()
    .meta({ description: 'Calendar days from the first purchase to the last, inclusive' }),
  qualifyingInsiderCount: z.number().int().meta({
    description: 'Insiders with one of the requested roles (all insiders when no roles were given)',
  }),
  insiders: z.array(z.object({ cik: z.string(), name: z.string().nullable() })),
}).meta({ id: 'FilteredCluster' });

export const clusterList = defineRoute({
  name: 'listClusters',
  path: '/api/v1/clusters',
  tag: 'Clusters',
  summary: 'Recent cluster buys market-wide, newest trigger first, with stricter filters',
  description:
    'Clusters are detected by the aggregator under its configured rules (CLUSTER_* settings); these filters narrow them: how recent (`since` or `days`), how tight (`window_days`), how many insiders (`min_insiders`, counting only insiders with one of `roles` when given; an insider has the roles stated on any of their filings at that issuer) and how large (`min_value`).',
  query: z.object({
    since: date('Clusters triggered on or after this day').optional(),
    days: integer('Clusters triggered in the last N calendar days, ending today', 1, 3650).optional(),
    window_days: integer('Purchases spanning at most this many calendar days', 1, 365).optional(),
    min_insiders: integer('At least this many (qualifying) insiders', 1, 1000).optional(),
    roles: rolesParam().optional(),
    min_value: amount('Total purchase value at least this many dollars').optional(),
    limit: integer('How many', 1, 1000).default(100),
  }),
  response: z.object({ count: z.number().int(), clusters: z.array(FilteredClusterSchema) }),
  async handler({ query, deps, ctx }) {
    if (query.since !== undefined && query.days !== undefined) {
      throw badParameter('days', '"days" and "since" both set a start; give one of them');
    }
    const since = query.since ?? (query.days !== undefined ? addDays(today(), -(query.days - 1)) : undefined);
    const filters = {
      since,
      windowDays: query.window_days,
      minInsiders: query.min_insiders,
      roles: query.roles,
      minValue: query.min_value,
      limit: query.limit,
    };
    const { value: clusters, hit } = await deps.cache.getOrCompute(
      { route: 'clusters', scope: 'market', params: JSON.stringify(filters) },
      () => queryClusters(deps.pool, filters),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    return { count: clusters.length, clusters };
  },
});

export const CLUSTER_ROUTES = [clusterList];
