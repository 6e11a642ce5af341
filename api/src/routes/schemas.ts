/** Response schemas shared by several routes; each becomes a named OpenAPI component. */
import { z } from 'zod';
import { ROLES } from '../queries/roles';

const decimal = (description: string) =>
  z.string().meta({ description: `${description} (exact decimal string)` });

export const ReportingOwner = z
  .object({
    cik: z.string(),
    name: z.string().nullable(),
    isDirector: z.boolean(),
    isOfficer: z.boolean(),
    isTenPercentOwner: z.boolean(),
    isOther: z.boolean(),
    officerTitle: z.string().nullable(),
  })
  .meta({ id: 'ReportingOwner', description: 'A reporting owner and the relationship the filing states' });

export const Role = z.enum(ROLES).meta({ id: 'Role' });

export const Transaction = z
  .object({
    accessionNumber: z.string(),
    documentType: z.string().meta({ description: '3, 4, 5, 4/A, …' }),
    filedDate: z.string().nullable(),
    acceptedAt: z.string().nullable().meta({ description: 'When EDGAR accepted the filing (ISO-8601, UTC)' }),
    position: z.number().int().meta({ description: 'Row position in the filing (document order)' }),
    table: z.enum(['nonDerivative', 'derivative']),
    securityTitle: z.string().nullable(),
    transactionDate: z.string().nullable(),
    code: z
      .string()
      .nullable()
      .meta({ description: 'Transaction code: P purchase, S sale, A grant, M exercise, …' }),
    kind: z.string().meta({
      description:
        'open_market_purchase, open_market_sale, grant_award, exercise_conversion, tax_withholding, gift, disposition_to_issuer, derivative_trade, dollar_amount_trade, other',
    }),
    acquiredDisposed: z.string().nullable(),
    shares: decimal('Shares').nullable(),
    pricePerShare: decimal('Price per share').nullable(),
    value: decimal('shares × price').nullable(),
    sharesOwnedFollowing: decimal('Shares owned after the transaction').nullable(),
    directOrIndirect: z.string().nullable(),
    is10b5One: z.boolean().nullable().meta({ description: 'Under a Rule 10b5-1 plan; null when unknown' }),
    flags: z.array(z.string()).meta({ description: 'Data-quality flags' }),
    issuerTicker: z.string().nullable().meta({ description: 'Ticker as written on this filing' }),
    reportingOwners: z.array(ReportingOwner),
  })
  .meta({ id: 'Transaction' });

const Side = z.object({
  count: z.number().int(),
  shares: decimal('Shares'),
  value: decimal('Dollar value'),
});

export const TradeSummary = z
  .object({
    buys: Side,
    sells: Side,
    netShares: decimal('Bought minus sold shares'),
    netValue: decimal('Bought minus sold value'),
  })
  .meta({
    id: 'TradeSummary',
    description:
      'Open-market purchases (P) and sales (S) among the matching rows, each economic trade counted once (a joint filing or an ownership chain reports one trade); derivative-table P/S rows are never buys or sells',
  });

export const IssuerRef = z
  .object({
    cik: z.string(),
    name: z.string().nullable(),
    ticker: z.string().nullable().meta({ description: 'Current ticker (latest in its history)' }),
  })
  .meta({ id: 'IssuerRef' });
