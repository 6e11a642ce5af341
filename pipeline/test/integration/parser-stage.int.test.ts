import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SCHEMAS_DIR } from '../../src/paths';
import { runStages } from '../../src/runtime/run-stages';
import type { RunningPipeline } from '../../src/runtime/run-stages';
import { createAvroCodec } from '../../src/shared/avro/registry';
import { createKafka } from '../../src/shared/kafka/client';
import { createProducer } from '../../src/shared/kafka/producer';
import { readTopic } from '../../src/shared/kafka/read-topic';
import { FIXTURES_DIR } from '../../../devtools/fake-edgar';
import { topicName } from '../../src/topics';
import { createTestTopics, randomPrefix, testConfig, testLogger } from './helpers';

describe('parser stage (real Kafka and schema registry)', () => {
  const config = testConfig({ TOPIC_PREFIX: randomPrefix('parser') });
  const kafka = createKafka(config, testLogger);
  let stage: RunningPipeline;

  beforeAll(async () => {
    await createTestTopics(config);
    stage = await runStages(config, testLogger, ['parser'], { metricsPort: 0 });
  });
  afterAll(async () => {
    await stage?.close();
  });

  it('turns a filing into Avro records and sends garbage to the dead-letter topic with the reason and payload, then goes on', async () => {
    const fixture = readdirSync(FIXTURES_DIR).find(
      (f) => f.endsWith('.txt') && readFileSync(path.join(FIXTURES_DIR, f), 'latin1').includes('ACME'),
    )!;
    const good = readFileSync(path.join(FIXTURES_DIR, fixture));
    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x00, 0x00]);
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const producer = await createProducer(kafka);
    const raw = topicName(config.topicPrefix, 'filingsRaw');
    await producer.send(raw, [
      { key: 'garbage-1', value: garbage, partition: 0 },
      { key: 'truncated-1', value: truncated, partition: 0 },
      { key: fixture.replace('.txt', ''), value: good, partition: 0 },
    ]);
    await producer.disconnect();

    const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
    const dead = await readTopic(kafka, topicName(config.topicPrefix, 'deadLetter'), 2, 60000);
    expect(dead).toHaveLength(2);
    const letters = await Promise.all(
      dead.map((m) =>
        avro.decode<{ stage: string; errorCode: string; errorMessage: string; key: string; payload: Buffer }>(
          m.value!,
        ),
      ),
    );
    const byKey = new Map(letters.map((l) => [l.key, l]));
    expect(byKey.get('garbage-1')).toMatchObject({ stage: 'parser', errorCode: 'BAD_ENCODING' });
    expect(Buffer.compare(byKey.get('garbage-1')!.payload, garbage)).toBe(0);
    expect(byKey.get('truncated-1')!.errorCode).toMatch(/TRUNCATED|MALFORMED_XML/);
    expect(byKey.get('truncated-1')!.errorMessage.length).toBeGreaterThan(5);

    // The good filing after the bad ones was still parsed: nothing stopped the partition.
    const filings = await readTopic(kafka, topicName(config.topicPrefix, 'filingsParsed'), 1, 60000);
    expect(filings).toHaveLength(1);
    const filing = await avro.decode<{ accessionNumber: string; issuer: { ticker: string } }>(
      filings[0]!.value!,
    );
    expect(filing.accessionNumber).toBe(fixture.replace('.txt', ''));
    expect(filing.issuer.ticker).toBe('ACME');
  });
});
