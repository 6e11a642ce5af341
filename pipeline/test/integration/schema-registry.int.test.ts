import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAvroCodec, valueSubject } from '../../src/shared/avro/registry';
import { randomPrefix, testConfig } from './helpers';

/** @kafkajs/confluent-schema-registry against the real registry's Confluent-compatible API. */
describe('schema registry (real, ccompat API)', () => {
  const config = testConfig();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'avsc-'));
  const v1 = {
    type: 'record',
    name: 'Probe',
    namespace: 'dev.sectracker.test',
    fields: [{ name: 'a', type: 'string' }],
  };
  const v2 = { ...v1, fields: [...v1.fields, { name: 'b', type: ['null', 'string'], default: null }] };
  const breaking = { ...v1, fields: [{ name: 'a', type: 'int' }] };
  writeFileSync(path.join(dir, 'v1.avsc'), JSON.stringify(v1));
  writeFileSync(path.join(dir, 'v2.avsc'), JSON.stringify(v2));
  writeFileSync(path.join(dir, 'breaking.avsc'), JSON.stringify(breaking));

  it('registers under <topic>-value with BACKWARD compatibility, encodes and decodes', async () => {
    const topic = `${randomPrefix('registry')}probe`;
    const codec = createAvroCodec(config.schemaRegistryUrl, dir);
    const id = await codec.register(topic, 'v1.avsc');
    const encoded = await codec.encode(topic, { a: 'héllo' });
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    expect(await codec.decode(encoded)).toEqual({ a: 'héllo' });

    const subject = await fetch(
      `${config.schemaRegistryUrl}/config/${encodeURIComponent(valueSubject(topic))}`,
    );
    expect(((await subject.json()) as { compatibilityLevel: string }).compatibilityLevel).toBe('BACKWARD');

    // Adding an optional field is a backward-compatible evolution: a new version id.
    const id2 = await createAvroCodec(config.schemaRegistryUrl, dir).register(topic, 'v2.avsc');
    expect(id2).not.toBe(id);
    // Changing a field's type is not: the registry refuses it.
    await expect(
      createAvroCodec(config.schemaRegistryUrl, dir).register(topic, 'breaking.avsc'),
    ).rejects.toThrow(/ncompatible/);
  });

  it('rejects a value that does not match the schema as a non-retriable validation error', async () => {
    const topic = `${randomPrefix('registry')}probe`;
    const codec = createAvroCodec(config.schemaRegistryUrl, dir);
    await codec.register(topic, 'v1.avsc');
    await expect(codec.encode(topic, { a: 42 })).rejects.toMatchObject({
      code: 'SCHEMA_VALIDATION',
      retriable: false,
    });
  });
});
