import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { PipelineError } from '../errors';

/** Encodes and decodes Confluent-framed Avro (magic byte, schema id, body) through the registry. */
export interface AvroCodec {
  /** Registers (idempotently) the schema under `<topic>-value` and remembers its id. */
  register(topic: string, schemaFile: string): Promise<number>;
  encode(topic: string, value: unknown): Promise<Buffer>;
  decode<T>(buffer: Buffer): Promise<T>;
}

export class SchemaValidationError extends PipelineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'SCHEMA_VALIDATION', false, options);
  }
}

/** TopicNameStrategy: the value schema of topic T lives under subject `T-value`. */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

export function createAvroCodec(registryUrl: string, schemasDir: string): AvroCodec {
  const registry = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: { wrapUnions: false } });
  const ids = new Map<string, number>();
  return {
    async register(topic, schemaFile) {
      const cached = ids.get(topic);
      if (cached !== undefined) return cached;
      const schema = readFileSync(path.join(schemasDir, schemaFile), 'utf8');
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema },
        { subject: valueSubject(topic), compatibility: COMPATIBILITY.BACKWARD },
      );
      ids.set(topic, id);
      return id;
    },
    async encode(topic, value) {
      const id = ids.get(topic);
      if (id === undefined) throw new Error(`no schema registered for topic ${topic}`);
      try {
        return await registry.encode(id, value);
      } catch (err) {
        // avsc rejects values that do not match the schema: a bad record, not an outage.
        if (err instanceof Error && /invalid payload|not valid/i.test(err.message)) {
          throw new SchemaValidationError(err.message, { cause: err });
        }
        throw err;
      }
    },
    async decode<T>(buffer: Buffer) {
      return (await registry.decode(buffer)) as T;
    },
  };
}
