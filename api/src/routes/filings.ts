import { z } from 'zod';
import { notFound } from '../errors';
import { accession } from '../framework/params';
import { defineRoute } from '../framework/route';
import { queryAnalysesForAccession } from '../queries/analysis';
import { queryFiling } from '../queries/filing';
import { AnalysisView } from './analysis';
import { ReportingOwner } from './schemas';

const dec = z.string().nullable();
const rowFields = {
  position: z.number().int(),
  table: z.enum(['nonDerivative', 'derivative']),
  securityTitle: z.string().nullable(),
  sharesOwnedFollowing: dec,
  valueOwnedFollowing: dec,
  directOrIndirect: z.string().nullable(),
  natureOfOwnership: z.string().nullable(),
  conversionOrExercisePrice: dec,
  exerciseDate: z.string().nullable(),
  expirationDate: z.string().nullable(),
  underlyingTitle: z.string().nullable(),
  underlyingShares: dec,
  underlyingValue: dec,
  flags: z.array(z.string()),
  footnoteIds: z
    .record(z.string(), z.array(z.string()))
    .meta({ description: 'Field name → ids of the footnotes attached to it' }),
  provenance: z.string().meta({
    description:
      'Where the row came from: `xml` (the filing itself) or `dataset:<quarter>` (an SEC Insider Transactions Data Set; numbers rounded to 2 decimals, flagged `rounded`)',
  }),
};
const link = z.object({
  accessionNumber: z.string(),
  documentType: z.string(),
  acceptedAt: z.string().nullable(),
});

export const filingDocument = defineRoute({
  name: 'getFiling',
  path: '/api/v1/filings/:accession',
  tag: 'Filings',
  summary: 'A whole normalized filing: issuer, owners, rows with footnotes, amendments, flags, analysis',
  params: z.object({ accession: accession() }),
  notFound: 'No filing with that accession number was loaded',
  response: z.object({
    accessionNumber: z.string(),
    documentType: z.string(),
    schemaVersion: z.string().nullable(),
    periodOfReport: z.string().nullable(),
    dateOfOriginalSubmission: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    filedDate: z.string().nullable(),
    issuer: z.object({
      cik: z.string(),
      name: z.string().nullable(),
      ticker: z.string().nullable(),
      rawTicker: z.string().nullable(),
    }),
    aff10b5One: z.boolean().nullable(),
    notSubjectToSection16: z.boolean().nullable(),
    remarks: z.string().nullable(),
    footnotes: z.array(z.object({ id: z.string(), text: z.string() })),
    signatures: z.array(z.object({ name: z.string().nullable(), date: z.string().nullable() })),
    reportingOwners: z.array(ReportingOwner.extend({ otherText: z.string().nullable() })),
    amends: z
      .object({
        documentType: z.string(),
        periodOfReport: z.string().nullable(),
        ownerCiks: z.array(z.string()),
      })
      .nullable()
      .meta({ description: 'What this amendment says it amends' }),
    amendmentLinks: z.object({
      amends: z.array(link).meta({ description: 'Earlier filings this amendment amends' }),
      amendedBy: z.array(link).meta({ description: 'Later amendments of this filing' }),
    }),
    flags: z.array(z.string()).meta({ description: 'Every data-quality flag of its rows, once each' }),
    rowCount: z.number().int(),
    source: z.string().nullable().meta({ description: 'The URL the filing was fetched from' }),
    provenance: z.string().meta({
      description:
        '`xml` (the filing itself) or `dataset:<quarter>` (an SEC Insider Transactions Data Set, until its XML is fetched)',
    }),
    loadedAt: z.string(),
    transactions: z.array(
      z.object({
        ...rowFields,
        transactionDate: z.string().nullable(),
        deemedExecutionDate: z.string().nullable(),
        transactionFormType: z.string().nullable(),
        code: z.string().nullable(),
        equitySwapInvolved: z.boolean().nullable(),
        timeliness: z.string().nullable(),
        shares: dec,
        pricePerShare: dec,
        totalValue: dec,
        acquiredDisposed: z.string().nullable(),
        value: dec,
        kind: z.string(),
        kindReason: z.string(),
        is10b5One: z.boolean().nullable(),
        tenB5OneSource: z.string().nullable(),
        priceLow: dec,
        priceHigh: dec,
        tradeKey: z.string(),
      }),
    ),
    holdings: z.array(z.object(rowFields)),
    analyses: z
      .array(AnalysisView)
      .meta({ description: 'Its own analysis and those of cluster buys it is part of' }),
  }),
  async handler({ params, deps }) {
    const [filing, analyses] = await Promise.all([
      queryFiling(deps.pool, params.accession),
      queryAnalysesForAccession(deps.pool, params.accession),
    ]);
    if (!filing) {
      throw notFound(`no filing with accession number ${params.accession}`, 'accession');
    }
    return { ...filing, analyses };
  },
});

export const FILING_ROUTES = [filingDocument];
