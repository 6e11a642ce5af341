/** Filings and waits shared by the analysis integration tests. */
import pg from 'pg';
import { buildOwnershipSubmission, syntheticAccession } from '../../../devtools/fake-edgar';
import type { Config } from '../../src/config/config';
import { createKafka } from '../../src/shared/kafka/client';
import { createProducer } from '../../src/shared/kafka/producer';
import { topicName } from '../../src/topics';
import { testLogger, waitFor } from './helpers';

export interface TestFiling {
  accession: string;
  issuer: { cik: string; name: string; ticker: string };
  owner: { cik: string; name: string };
  acceptedAt: Date;
  purchases: { shares: string; price: string }[];
  remarks?: string;
  footnote?: string;
}

let serial = 0;

/** A Form 4 of one open-market purchase by a director; $200,000 by default (notable: large_purchase). */
export function testFiling(issuerNumber: number, options: Partial<TestFiling> = {}): TestFiling {
  serial++;
  const issuer = {
    cik: `00099700${String(issuerNumber).padStart(2, '0')}`,
    name: `Test Issuer ${issuerNumber} Inc`,
    ticker: `TI${issuerNumber}`,
  };
  return {
    accession: syntheticAccession(serial, '0009997001'),
    issuer,
    owner: { cik: `00099710${String(issuerNumber).padStart(2, '0')}`, name: `Owner ${issuerNumber}` },
    acceptedAt: new Date('2026-05-20T20:00:00Z'),
    purchases: [{ shares: '20000', price: '10.00' }],
    ...options,
  };
}

/** The full submission, with a footnote (referenced by the price) and remarks when given. */
export function submissionText(f: TestFiling): string {
  let text = buildOwnershipSubmission({
    accessionNumber: f.accession,
    acceptedAt: f.acceptedAt,
    issuer: f.issuer,
    owners: [f.owner],
    purchases: f.purchases,
  });
  if (f.footnote) {
    text = text
      .replace(/(<transactionPricePerShare><value>[^<]*<\/value>)/, '$1<footnoteId id="F1"/>')
      .replace(
        '</nonDerivativeTable>',
        `</nonDerivativeTable>\n    <footnotes><footnote id="F1">${f.footnote}</footnote></footnotes>`,
      );
  }
  if (f.remarks) {
    text = text.replace('<ownerSignature>', `<remarks>${f.remarks}</remarks>\n    <ownerSignature>`);
  }
  return text;
}

/** Puts the filings on edgar.filings.raw, as the crawler would. */
export async function produceRaw(config: Config, filings: TestFiling[]): Promise<void> {
  const producer = await createProducer(createKafka(config, testLogger));
  try {
    await producer.send(
      topicName(config.topicPrefix, 'filingsRaw'),
      filings.map((f) => ({ key: f.accession, value: Buffer.from(submissionText(f), 'latin1') })),
    );
  } finally {
    await producer.disconnect();
  }
}

export interface StoredResult {
  subject_kind: string;
  subject_key: string;
  model: string;
  source: string;
  fallback_reason: string | null;
  status: string;
  error_code: string | null;
  error: string | null;
  sentiment: string | null;
  summary: string | null;
  cited_rows: { accessionNumber: string; position: number }[];
  cited_footnotes: { accessionNumber: string; footnoteId: string }[];
  accession_numbers: string[];
  tokens_in: number;
  tokens_out: number;
  cost_usd: string;
  attempts: number;
  request_id: string;
}

export async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until every subject key has a stored result that `done` accepts; returns them by key. */
export async function waitForResults(
  url: string,
  keys: string[],
  done: (r: StoredResult) => boolean = () => true,
  timeoutMs = 120000,
): Promise<Map<string, StoredResult>> {
  return waitFor(
    `analysis results for ${keys.length} subject(s)`,
    async () => {
      const rows = await query<StoredResult>(
        url,
        'SELECT * FROM analysis_results WHERE subject_key = ANY($1)',
        [keys],
      );
      const byKey = new Map(rows.filter(done).map((r) => [r.subject_key, r]));
      return keys.every((k) => byKey.has(k)) ? byKey : undefined;
    },
    timeoutMs,
    500,
  );
}

export async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await query<{ n: string }>(url, sql, params))[0]?.n ?? 0);
}
