import { buildOwnershipSubmission, syntheticAccession } from '../../../devtools/fake-edgar';
import type { Config } from '../../src/config/config';
import { rawFilingHeaders } from '../../src/records/raw-filing';
import { runStages } from '../../src/runtime/run-stages';
import { createKafka } from '../../src/shared/kafka/client';
import { topicOffsets } from '../../src/shared/kafka/group-offsets';
import { createProducer } from '../../src/shared/kafka/producer';
import { topicName } from '../../src/topics';
import { testLogger, waitFor } from './helpers';

export interface Corpus {
  filings: number;
  rows: number;
}

/**
 * Produces `count` synthetic Form 4 submissions to the raw topic (1 to 3 purchases each, over 40
 * issuers, some joint filings) and runs the real parser stage until the parsed topics hold them.
 */
export async function produceParsedCorpus(config: Config, count: number): Promise<Corpus> {
  const kafka = createKafka(config, testLogger);
  const producer = await createProducer(kafka);
  let rows = 0;
  const raw = topicName(config.topicPrefix, 'filingsRaw');
  for (let start = 0; start < count; start += 500) {
    const messages = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const issuer = i % 40;
      const purchases = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        shares: `${100 + k * 7 + (i % 13)}.5`,
        price: `${10 + (i % 17)}.${1000 + k}`,
      }));
      rows += purchases.length;
      const accessionNumber = syntheticAccession(i + 1);
      const owners = [{ cik: String(7000000 + (i % 97)).padStart(10, '0'), name: `Owner ${i % 97}` }];
      if (i % 10 === 0) {
        owners.push({ cik: String(7100000 + (i % 5)).padStart(10, '0'), name: `Fund ${i % 5} LP` });
      }
      const body = buildOwnershipSubmission({
        accessionNumber,
        acceptedAt: new Date(Date.UTC(2026, 0, 5 + (i % 200), 15, 0, i % 60)),
        issuer: {
          cik: String(9000000 + issuer).padStart(10, '0'),
          name: `Issuer ${issuer} Corp`,
          ticker: `IS${issuer}`,
        },
        owners,
        purchases,
      });
      const headers = rawFilingHeaders({
        accessionNumber,
        formType: '4',
        issuerCik: null,
        acceptedAt: null,
        sourceUrl: 'test://corpus',
        fetchedAt: new Date().toISOString(),
        source: 'test',
        body: Buffer.alloc(0),
      });
      messages.push({ key: accessionNumber, value: Buffer.from(body), headers });
    }
    await producer.send(raw, messages);
  }
  await producer.disconnect();
  const parser = await runStages(config, testLogger, ['parser'], { metricsPort: 0 });
  try {
    const rowsTopic = topicName(config.topicPrefix, 'transactions');
    const filingsTopic = topicName(config.topicPrefix, 'filingsParsed');
    const sum = async (t: string) =>
      (await topicOffsets(kafka, t)).high.reduce((n, h) => n + Number(h.offset), 0);
    await waitFor(
      'the parser to produce the corpus',
      async () => ((await sum(rowsTopic)) >= rows && (await sum(filingsTopic)) >= count ? true : undefined),
      180000,
      500,
    );
  } finally {
    await parser.close();
  }
  return { filings: count, rows };
}
