import { SCHEMAS_DIR } from '../../../pipeline/src/paths';
import { allTopics } from '../../../pipeline/src/topics';
import { createAvroCodec } from '../../../pipeline/src/shared/avro/registry';
import { ensureTopics } from '../../../pipeline/src/shared/kafka/admin';
import { createKafka } from '../../../pipeline/src/shared/kafka/client';
import type { Command } from '../command';

export const topicsCommand: Command = {
  name: 'topics',
  summary: 'Create the Kafka topics and register the Avro schemas (idempotent)',
  help: `Usage: sec-tracker topics

Creates every topic declared in pipeline/src/topics.ts that does not exist (name, partitions,
cleanup policy, retention), grows partition counts below the declaration, and registers each
topic's Avro value schema from schemas/ under the subject <topic>-value with BACKWARD
compatibility. Running it again changes nothing.`,
  async run(_args, ctx) {
    const config = ctx.config();
    const logger = ctx.logger();
    const topics = allTopics(config.topicPrefix);
    const changes = await ensureTopics(createKafka(config, logger), topics);
    for (const c of changes) {
      ctx.stdout(`${c.action.padEnd(8)} ${c.topic} (${c.detail ?? ''})`);
    }
    const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
    for (const t of topics) {
      if (!t.spec.valueSchema) {
        continue;
      }
      const id = await avro.register(t.name, t.spec.valueSchema);
      ctx.stdout(`schema   ${t.name}-value -> ${t.spec.valueSchema} (id ${id})`);
    }
    return 0;
  },
};
