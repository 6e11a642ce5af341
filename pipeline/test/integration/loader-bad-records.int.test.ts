import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from '../../../devtools/fake-edgar';
import { SCHEMAS_DIR } from '../../src/paths';
import { runStages } from '../../src/runtime/run-stages';
import { createAvroCodec } from '../../src/shared/avro/registry';
import { createKafka } from '../../src/shared/kafka/client';
import { createProducer } from '../../src/shared/kafka/producer';
import { readTopic } from '../../src/shared/kafka/read-topic';
import { parseFiling } from '../../src/stages/parser/parse-filing';
import { toFilingRecord } from '../../src/stages/parser/to-avro';
import { TOPICS, topicName } from '../../src/topics';
import {
  countRows,
  createTestDatabase,
  createTestTopics,
  randomPrefix,
  testConfig,
  testLogger,
  waitFor,
} from './helpers';

describe('loader: a bad record goes to the dead-letter topic and the batch goes on', () => {
  it('dead-letters an undecodable value and a constraint violation, and loads the rest of the batch', async () => {
    const db = await createTestDatabase('bad');
    const config = testConfig({ TOPIC_PREFIX: randomPrefix('bad'), DATABASE_URL: db.url });
    await createTestTopics(config);
    const kafka = createKafka(config, testLogger);
    const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
    const filingsTopic = topicName(config.topicPrefix, 'filingsParsed');
    await avro.register(filingsTopic, TOPICS.filingsParsed.valueSchema);
    const filings = readdirSync(FIXTURES_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => parseFiling(readFileSync(path.join(FIXTURES_DIR, f))))
      .flatMap((o) => (o.ok ? [toFilingRecord(o.filing)] : []));
    expect(filings.length).toBeGreaterThan(2);
    const [first, ...rest] = filings;
    // Valid Avro, but the CHECK on filings.issuer_cik rejects it in Postgres.
    const violating = {
      ...first!,
      accessionNumber: '0009999999-26-000001',
      issuer: { ...first!.issuer, cik: 'NOT-A-CIK' },
    };
    const producer = await createProducer(kafka);
    await producer.send(filingsTopic, [
      { key: 'garbage', value: Buffer.from('not avro at all'), partition: 0 },
      { key: violating.accessionNumber, value: await avro.encode(filingsTopic, violating), partition: 0 },
      ...(await Promise.all(
        filings.map(async (f) => ({
          key: f.accessionNumber,
          value: await avro.encode(filingsTopic, f),
          partition: 0,
        })),
      )),
    ]);
    await producer.disconnect();
    void rest;

    const loader = await runStages(config, testLogger, ['loader'], { metricsPort: 0 });
    try {
      await waitFor(
        'the good filings to load',
        async () => ((await countRows(db.url, 'filings')) === filings.length ? true : undefined),
        60000,
      );
      const dead = await readTopic(kafka, topicName(config.topicPrefix, 'deadLetter'), 2, 60000);
      const letters = await Promise.all(
        dead.map((m) =>
          avro.decode<{ stage: string; errorCode: string; errorMessage: string; key: string }>(m.value!),
        ),
      );
      const byKey = new Map(letters.map((l) => [l.key, l]));
      expect(byKey.get('garbage')).toMatchObject({ stage: 'loader', errorCode: 'UNDECODABLE' });
      expect(byKey.get(violating.accessionNumber)).toMatchObject({
        stage: 'loader',
        errorCode: 'CONSTRAINT',
      });
      expect(byKey.get(violating.accessionNumber)!.errorMessage).toMatch(/check constraint/);
    } finally {
      await loader.close();
      await db.drop();
    }
  });
});
