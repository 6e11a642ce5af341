import { z } from 'zod';
import { integer, searchTerm } from '../framework/params';
import { defineRoute } from '../framework/route';
import { searchCompanies, searchInsiders } from '../queries/search';

const searchQuery = (what: string) =>
  z.object({
    q: searchTerm(`${what}: prefix and typo tolerant`),
    limit: integer('How many results, best first', 1, 50).default(10),
  });

const score = z.number().meta({
  description: '1 exact ticker/CIK, 0.9 ticker prefix, 0.8 name prefix, else 0.8 × trigram word similarity',
});

export const companySearch = defineRoute({
  name: 'searchCompanies',
  path: '/api/v1/companies/search',
  tag: 'Search',
  summary: 'Find companies by ticker, CIK or name (prefix and typo tolerant, ranked)',
  query: searchQuery('Ticker, CIK or company name'),
  response: z.object({
    q: z.string(),
    count: z.number().int(),
    results: z.array(
      z.object({
        cik: z.string(),
        name: z.string().nullable(),
        ticker: z.string().nullable().meta({ description: 'Current ticker' }),
        matchedTicker: z
          .string()
          .nullable()
          .meta({ description: 'The (possibly former) ticker that matched' }),
        score,
      }),
    ),
  }),
  async handler({ query, deps }) {
    const results = await searchCompanies(deps.pool, query.q, query.limit);
    return { q: query.q, count: results.length, results };
  },
});

export const insiderSearch = defineRoute({
  name: 'searchInsiders',
  path: '/api/v1/insiders/search',
  tag: 'Search',
  summary: 'Find insiders (reporting owners) by CIK or name (prefix and typo tolerant, ranked)',
  query: searchQuery('Insider CIK or name (either order: "doe john" or "john doe")'),
  response: z.object({
    q: z.string(),
    count: z.number().int(),
    results: z.array(
      z.object({
        cik: z.string(),
        name: z.string().nullable(),
        lastFiledAt: z.string().nullable(),
        score,
      }),
    ),
  }),
  async handler({ query, deps }) {
    const results = await searchInsiders(deps.pool, query.q, query.limit);
    return { q: query.q, count: results.length, results };
  },
});

export const SEARCH_ROUTES = [companySearch, insiderSearch];
