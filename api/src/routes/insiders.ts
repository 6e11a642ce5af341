import { z } from 'zod';
import { notFound } from '../errors';
import { cik, integer } from '../framework/params';
import { defineRoute } from '../framework/route';
import { queryInsider } from '../queries/insiders';
import { Role } from './schemas';

export const insiderProfile = defineRoute({
  name: 'getInsider',
  path: '/api/v1/insiders/:cik',
  tag: 'Insiders',
  summary: "An insider's filings and trades across issuers, with roles over time",
  params: z.object({ cik: cik('Reporting owner CIK') }),
  query: z.object({ limit: integer('How many latest filings and trades', 1, 500).default(50) }),
  notFound: 'No filing by that reporting owner was loaded',
  response: z.object({
    cik: z.string(),
    name: z.string().nullable(),
    roles: z
      .array(
        z.object({
          issuerCik: z.string(),
          issuerName: z.string().nullable(),
          issuerTicker: z.string().nullable(),
          roles: z.array(Role),
          officerTitle: z.string().nullable(),
          firstFiledAt: z.string().nullable(),
          lastFiledAt: z.string().nullable(),
          filingCount: z.number().int(),
        }),
      )
      .meta({ description: 'One period per issuer and stated relationship, latest first' }),
    filings: z.array(
      z.object({
        accessionNumber: z.string(),
        documentType: z.string(),
        acceptedAt: z.string().nullable(),
        issuerCik: z.string(),
        issuerName: z.string().nullable(),
        issuerTicker: z.string().nullable(),
        rowCount: z.number().int(),
      }),
    ),
    transactions: z.array(
      z.object({
        accessionNumber: z.string(),
        position: z.number().int(),
        issuerCik: z.string(),
        issuerTicker: z.string().nullable(),
        transactionDate: z.string().nullable(),
        acceptedAt: z.string().nullable(),
        table: z.enum(['nonDerivative', 'derivative']),
        code: z.string().nullable(),
        kind: z.string(),
        shares: z.string().nullable(),
        pricePerShare: z.string().nullable(),
        value: z.string().nullable(),
        sharesOwnedFollowing: z.string().nullable(),
        is10b5One: z.boolean().nullable(),
      }),
    ),
  }),
  async handler({ params, query, deps }) {
    const profile = await queryInsider(deps.pool, params.cik, query.limit);
    if (!profile) {
      throw notFound(`no filings known for reporting owner CIK ${params.cik}`, 'cik');
    }
    return profile;
  },
});

export const INSIDER_ROUTES = [insiderProfile];
