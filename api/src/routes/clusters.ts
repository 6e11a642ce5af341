import { z } from 'zod';
import { date, integer } from '../framework/params';
import { defineRoute } from '../framework/route';
import { queryRecentClusters } from '../queries/issuer-summary';

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

export const clusterList = defineRoute({
  name: 'listClusters',
  path: '/api/v1/clusters',
  tag: 'Clusters',
  summary: 'Recent cluster buys market-wide, newest trigger first',
  query: z.object({
    since: date('Clusters triggered on or after this day').optional(),
    limit: integer('How many', 1, 1000).default(100),
  }),
  response: z.object({ count: z.number().int(), clusters: z.array(Cluster) }),
  async handler({ query, deps, ctx }) {
    const { value: clusters, hit } = await deps.cache.getOrCompute(
      { route: 'clusters', scope: 'market', params: JSON.stringify([query.since, query.limit]) },
      () => queryRecentClusters(deps.pool, query.since, query.limit),
    );
    ctx.set('x-cache', hit ? 'hit' : 'miss');
    return { count: clusters.length, clusters };
  },
});

export const CLUSTER_ROUTES = [clusterList];
