import type { Config } from '../../../pipeline/src/config/config';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { createPool } from '../../../pipeline/src/shared/db/pool';
import { createKafka } from '../../../pipeline/src/shared/kafka/client';
import type { KafkaClient } from '../../../pipeline/src/shared/kafka/client';
import {
  activeMembers,
  committedOffsets,
  resolveOffsets,
  setGroupOffsets,
  topicOffsets,
} from '../../../pipeline/src/shared/kafka/group-offsets';
import type { OffsetSpec, PartitionOffset } from '../../../pipeline/src/shared/kafka/group-offsets';
import type { Logger } from '../../../pipeline/src/shared/logger';
import { resetStoredOffsets } from '../../../pipeline/src/shared/db/stored-offsets';
import { runStages, stageOfGroup } from '../../../pipeline/src/runtime/run-stages';
import { GROUPS, groupName, STAGE_INPUTS, topicName } from '../../../pipeline/src/topics';
import type { StageName } from '../../../pipeline/src/topics';
import { parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { formatProgress } from '../../../pipeline/src/shared/progress';

export function parseOffsetSpec(raw: string, flag: string): OffsetSpec {
  if (raw === 'earliest') {
    return { kind: 'earliest' };
  }
  if (raw === 'latest') {
    return { kind: 'latest' };
  }
  if (/^\d+$/.test(raw)) {
    return { kind: 'offset', offset: BigInt(raw) };
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) && !Number.isNaN(Date.parse(raw))) {
    return { kind: 'time', at: new Date(raw) };
  }
  throw new UsageError(`${flag} must be earliest, latest, an offset or an ISO-8601 time; got "${raw}"`);
}

interface TopicPlan {
  topic: string;
  current: PartitionOffset[];
  from: PartitionOffset[];
  to: PartitionOffset[];
}

async function plan(
  kafka: KafkaClient,
  groupId: string,
  topics: string[],
  from: OffsetSpec,
  to: OffsetSpec,
): Promise<TopicPlan[]> {
  const out: TopicPlan[] = [];
  for (const topic of topics) {
    out.push({
      topic,
      current: await committedOffsets(kafka, groupId, topic),
      from: await resolveOffsets(kafka, topic, from),
      to: await resolveOffsets(kafka, topic, to),
    });
  }
  return out;
}

function remaining(
  plans: TopicPlan[],
  done: Map<string, PartitionOffset[]>,
): { total: bigint; left: bigint } {
  let total = 0n;
  let left = 0n;
  for (const p of plans) {
    const now = done.get(p.topic) ?? p.from;
    for (const f of p.from) {
      const end = BigInt(p.to.find((t) => t.partition === f.partition)?.offset ?? f.offset);
      const start = BigInt(f.offset);
      const at = BigInt(now.find((n) => n.partition === f.partition)?.offset ?? f.offset);
      const span = end > start ? end - start : 0n;
      total += span;
      left += end > at ? (end - at < span ? end - at : span) : 0n;
    }
  }
  return { total, left };
}

async function runUntilCaughtUp(
  ctx: CommandContext,
  config: Config,
  logger: Logger,
  kafka: KafkaClient,
  stage: StageName,
  groupId: string,
  plans: TopicPlan[],
) {
  const pipeline = await runStages(config, logger, [stageOfGroup(stage)], { metricsPort: 0 });
  const started = Date.now();
  let stopped = false;
  void ctx.shutdown.then(() => (stopped = true));
  try {
    for (;;) {
      const done = new Map<string, PartitionOffset[]>();
      for (const p of plans) {
        done.set(p.topic, await committedOffsets(kafka, groupId, p.topic));
      }
      const { total, left } = remaining(plans, done);
      ctx.stderr(
        formatProgress({
          done: Number(total - left),
          total: Number(total),
          doneAtStart: 0,
          elapsedMs: Date.now() - started,
        }),
      );
      if (left === 0n || stopped) {
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await pipeline.close();
  }
  return stopped;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: "Move a stage's consumer group to an offset or time and re-derive everything downstream",
  help: `Usage: sec-tracker replay --stage <${Object.keys(GROUPS).join('|')}> --from <earliest|OFFSET|ISO-TIME>
                          [--to <latest|OFFSET|ISO-TIME>] [--dry-run] [--no-run]

Moves the stage's consumer group (Kafka admin API) on every partition of its input topics to
--from, then runs the stage in this process, with progress, until each partition reaches --to
(default: the end of the topic as it is now), and stops. Downstream stages keep running as usual
and re-derive their output; merges are idempotent, so the database ends up exactly as before for
unchanged input. For the loader, the offsets it stores in Postgres are moved too.
The stage's own instances must be stopped first (Kafka refuses to move an active group).
  --dry-run   print, per partition, the committed offset and the offsets it would set; change nothing
  --no-run    move the offsets and exit; the stage's instances pick up from there when restarted`,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      stage: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'no-run': { type: 'boolean' },
    });
    const stage = values.stage as StageName | undefined;
    if (!stage || !(stage in GROUPS)) {
      throw new UsageError(`--stage must be one of ${Object.keys(GROUPS).join(', ')}`);
    }
    if (!values.from) {
      throw new UsageError('--from is required (earliest, an offset or an ISO-8601 time)');
    }
    const from = parseOffsetSpec(values.from, '--from');
    const to = values.to ? parseOffsetSpec(values.to, '--to') : ({ kind: 'latest' } as const);
    const config = ctx.config();
    const logger = ctx.logger();
    const kafka = createKafka(config, logger);
    const groupId = groupName(config, stage);
    const topics = STAGE_INPUTS[stage].map((k) => topicName(config.topicPrefix, k));
    for (const t of topics) {
      await topicOffsets(kafka, t);
    } // fails clearly on a missing topic
    const plans = await plan(kafka, groupId, topics, from, to);
    for (const p of plans) {
      for (const f of p.from) {
        const cur = p.current.find((c) => c.partition === f.partition)?.offset ?? '-1';
        const end = p.to.find((t) => t.partition === f.partition)?.offset ?? '?';
        ctx.stdout(
          `${p.topic}[${f.partition}]  committed ${cur === '-1' ? 'none' : cur}  ->  from ${f.offset}  to ${end}`,
        );
      }
    }
    if (values['dry-run']) {
      return 0;
    }
    const members = await activeMembers(kafka, groupId);
    if (members > 0) {
      throw new UsageError(
        `consumer group ${groupId} has ${members} active member(s): stop the ${stage} instances first`,
      );
    }
    for (const p of plans) {
      await setGroupOffsets(kafka, groupId, p.topic, p.from);
    }
    // Stages that keep their offsets in Postgres resume from there, so those move too.
    if (stage === 'loader' || stage === 'aggregator') {
      const pool = createPool(config, logger, 1);
      await resetStoredOffsets(
        pool,
        groupId,
        plans.flatMap((p) => p.from.map((f) => ({ topic: p.topic, ...f }))),
      ).finally(() => pool.end());
    }
    ctx.stdout(`moved ${groupId} on ${topics.length} topic(s)`);
    if (values['no-run']) {
      return 0;
    }
    const interrupted = await runUntilCaughtUp(ctx, config, logger, kafka, stage, groupId, plans);
    ctx.stdout(
      interrupted ? 'replay interrupted; run it again or start the stage to continue' : 'replay complete',
    );
    return interrupted ? 130 : 0;
  },
};
