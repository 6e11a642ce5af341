/**
 * Crash semantics of the shared batch consumer against a real broker: a non-retriable error
 * restarts the consumer, too many restarts settle `failed`, a retriable error retries with the
 * retrying gauge up, exhausted retries crash, a heartbeat failing in a rebalance is counted, and
 * lag is measured while a consumer is stuck.
 */
import { ensureTopics } from '../../src/shared/kafka/admin';
import { createKafka } from '../../src/shared/kafka/client';
import type { KafkaClient } from '../../src/shared/kafka/client';
import { startBatchConsumer } from '../../src/shared/kafka/consumer';
import type { BatchConsumerOptions, RunningConsumer } from '../../src/shared/kafka/consumer';
import { createProducer } from '../../src/shared/kafka/producer';
import { ConsumerGaveUp, PipelineError } from '../../src/shared/errors';
import { createMetrics } from '../../src/shared/metrics/metrics';
import type { Metrics } from '../../src/shared/metrics/metrics';
import { consumerMetrics } from '../../src/runtime/stage';
import { createLogger } from '../../src/shared/logger';
import { randomPrefix, testConfig, waitFor } from './helpers';

/** Crashes log at error level on purpose: kept here (and asserted on), not printed. */
const logLines: string[] = [];
const logger = createLogger('warn', { test: true }, (line) => logLines.push(line));
const logged = (msg: string) => logLines.some((l) => (JSON.parse(l) as { msg: string }).msg === msg);

let kafka: KafkaClient;
const running: RunningConsumer[] = [];

async function topicWith(records: number, partitions = 1): Promise<string> {
  const topic = `${randomPrefix('crash')}input`;
  await ensureTopics(kafka, [
    {
      name: topic,
      spec: { name: 'input', partitions, cleanupPolicy: 'delete', retentionMs: -1, purpose: 'test' },
    },
  ]);
  const producer = await createProducer(kafka);
  await producer.send(
    topic,
    Array.from({ length: records }, (_, i) => ({ key: `k${i}`, value: Buffer.from(String(i)) })),
  );
  await producer.disconnect();
  return topic;
}

async function value(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const hit = metric?.values.find((v) =>
    Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l),
  );
  return hit?.value ?? Number.NaN;
}

async function consume(
  topic: string,
  handle: BatchConsumerOptions['handle'],
  extra: Partial<BatchConsumerOptions> = {},
): Promise<{ metrics: Metrics; consumer: RunningConsumer }> {
  const metrics = createMetrics();
  const consumer = await startBatchConsumer(kafka, {
    groupId: `${topic}.group`,
    topics: [topic],
    logger,
    handle,
    lagIntervalMs: 500,
    ...consumerMetrics(metrics, 'test'),
    ...extra,
  });
  running.push(consumer);
  return { metrics, consumer };
}

beforeAll(() => {
  kafka = createKafka(testConfig(), logger);
});

afterEach(async () => {
  await Promise.allSettled(running.splice(0).map((c) => c.stop()));
});

describe('batch consumer crash semantics', () => {
  it('starts every consumer series at zero', async () => {
    const topic = await topicWith(1);
    const { metrics } = await consume(topic, () => Promise.resolve());
    for (const name of [
      'sec_tracker_consumer_restarts_total',
      'sec_tracker_consumer_heartbeat_failures_total',
      'sec_tracker_consumer_rebalances_total',
      'sec_tracker_batch_retries_total',
      'sec_tracker_batch_retrying',
    ]) {
      expect(Number.isNaN(await value(metrics, name, { stage: 'test' }))).toBe(false);
    }
    expect(
      await value(metrics, 'sec_tracker_consumer_crashes_total', { stage: 'test', retriable: 'false' }),
    ).toBe(0);
    expect(
      await value(metrics, 'sec_tracker_consumer_crashes_total', { stage: 'test', retriable: 'true' }),
    ).toBe(0);
  });

  it('restarts after a non-retriable error and then processes the same batch', async () => {
    const topic = await topicWith(5);
    const seen: string[] = [];
    let failures = 0;
    const { metrics } = await consume(topic, (batch) => {
      if (failures === 0) {
        failures++;
        return Promise.reject(new PipelineError('a bug in the stage', 'BUG', false));
      }
      seen.push(...batch.messages.map((m) => m.offset));
      return Promise.resolve();
    });
    await waitFor('the batch processed after a restart', () =>
      Promise.resolve(seen.includes('4') ? true : undefined),
    );
    expect(seen.slice(0, 5)).toEqual(['0', '1', '2', '3', '4']);
    expect(
      await value(metrics, 'sec_tracker_consumer_crashes_total', { stage: 'test', retriable: 'false' }),
    ).toBe(1);
    expect(await value(metrics, 'sec_tracker_consumer_restarts_total', { stage: 'test' })).toBe(1);
    expect(logged('consumer crashed')).toBe(true);
  });

  it('gives up after more restarts in the window than the policy allows', async () => {
    const topic = await topicWith(1);
    let calls = 0;
    const { metrics, consumer } = await consume(
      topic,
      () => {
        calls++;
        return Promise.reject(new PipelineError('always broken', 'BUG', false));
      },
      { restarts: { max: 2, windowMs: 60000 } },
    );
    const err = await consumer.failed;
    expect(err).toBeInstanceOf(ConsumerGaveUp);
    expect(calls).toBe(3);
    expect(await value(metrics, 'sec_tracker_consumer_restarts_total', { stage: 'test' })).toBe(2);
    expect(
      await value(metrics, 'sec_tracker_consumer_crashes_total', { stage: 'test', retriable: 'false' }),
    ).toBe(3);
  });

  it('retries a retriable error with backoff, with the retrying gauge up meanwhile', async () => {
    const topic = await topicWith(3);
    let healthy = false;
    let done = false;
    const { metrics } = await consume(topic, () => {
      if (!healthy) {
        return Promise.reject(new PipelineError('Postgres unreachable', 'DOWN', true));
      }
      done = true;
      return Promise.resolve();
    });
    await waitFor('two retries', async () =>
      (await value(metrics, 'sec_tracker_batch_retries_total', { stage: 'test' })) >= 2 ? true : undefined,
    );
    expect(await value(metrics, 'sec_tracker_batch_retrying', { stage: 'test' })).toBe(1);
    healthy = true;
    await waitFor('the batch done', () => Promise.resolve(done ? true : undefined));
    await waitFor('the gauge down', async () =>
      (await value(metrics, 'sec_tracker_batch_retrying', { stage: 'test' })) === 0 ? true : undefined,
    );
    expect(
      await value(metrics, 'sec_tracker_consumer_crashes_total', { stage: 'test', retriable: 'true' }),
    ).toBe(0);
  });

  it('crashes when retries are exhausted, restarts, and reports lag while stuck', async () => {
    const topic = await topicWith(4);
    let healthy = false;
    let done = false;
    const { metrics } = await consume(
      topic,
      () => {
        if (!healthy) {
          return Promise.reject(new Error('registry timeout'));
        }
        done = true;
        return Promise.resolve();
      },
      { retry: { budgetMs: 1500 } },
    );
    await waitFor('lag measured while stuck', async () =>
      (await value(metrics, 'sec_tracker_consumer_lag', { stage: 'test', partition: '0' })) === 4
        ? true
        : undefined,
    );
    await waitFor('a crash after exhausted retries', async () =>
      (await value(metrics, 'sec_tracker_consumer_crashes_total', { stage: 'test', retriable: 'true' })) >= 1
        ? true
        : undefined,
    );
    healthy = true;
    await waitFor('the batch done after the restart', () => Promise.resolve(done ? true : undefined));
    expect(
      await value(metrics, 'sec_tracker_consumer_restarts_total', { stage: 'test' }),
    ).toBeGreaterThanOrEqual(1);
    await waitFor('lag back to zero', async () =>
      (await value(metrics, 'sec_tracker_consumer_lag', { stage: 'test', partition: '0' })) === 0
        ? true
        : undefined,
    );
  });

  it('counts a heartbeat that fails because a second member joined during a long batch', async () => {
    const topic = await topicWith(4, 2);
    let release = false;
    const { metrics } = await consume(topic, async (_batch, ctx) => {
      while (!release && ctx.isRunning()) {
        await ctx.heartbeat().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 300));
      }
    });
    await waitFor('first member joined', async () =>
      (await value(metrics, 'sec_tracker_consumer_rebalances_total', { stage: 'test' })) >= 1
        ? true
        : undefined,
    );
    const second = createMetrics();
    const other = startBatchConsumer(kafka, {
      groupId: `${topic}.group`,
      topics: [topic],
      logger,
      handle: () => Promise.resolve(),
      ...consumerMetrics(second, 'test'),
    });
    await waitFor('a heartbeat failure', async () =>
      (await value(metrics, 'sec_tracker_consumer_heartbeat_failures_total', { stage: 'test' })) >= 1
        ? true
        : undefined,
    );
    expect(logged('heartbeat failed')).toBe(true);
    release = true;
    running.push(await other);
  });
});
