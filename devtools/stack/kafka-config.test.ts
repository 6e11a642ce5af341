import {
  kafkaJvmArgs,
  kafkaVersionFromJars,
  newClusterId,
  planKafka,
  renderKafkaProperties,
} from './kafka-config';

describe('planKafka', () => {
  it('manages a broker on the loopback port of the first KAFKA_BROKERS entry', () => {
    expect(planKafka(['localhost:19092', 'other:9092'], 19093)).toEqual({
      managed: true,
      address: '127.0.0.1:19092',
      port: 19092,
      controllerPort: 19093,
    });
  });

  it('leaves a non-loopback cluster alone and says why', () => {
    expect(planKafka(['kafka.prod.internal:9092'], 9093)).toEqual({
      managed: false,
      address: 'kafka.prod.internal:9092',
      reason: 'KAFKA_BROKERS names kafka.prod.internal, not a loopback address',
    });
  });
});

describe('renderKafkaProperties', () => {
  const text = renderKafkaProperties({ port: 19092, controllerPort: 19093, dataDir: '/s/data/kafka' });
  const props = Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('describes a single-node KRaft broker and controller on loopback', () => {
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:19093',
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092',
      'controller.listener.names': 'CONTROLLER',
      'log.dirs': '/s/data/kafka',
    });
  });

  it('fits one broker: replication factor 1 and no auto-created topics', () => {
    expect(props['offsets.topic.replication.factor']).toBe('1');
    expect(props['transaction.state.log.replication.factor']).toBe('1');
    expect(props['transaction.state.log.min.isr']).toBe('1');
    expect(props['default.replication.factor']).toBe('1');
    expect(props['min.insync.replicas']).toBe('1');
    expect(props['auto.create.topics.enable']).toBe('false');
  });

  it('binds nothing beyond loopback', () => {
    expect(text).not.toMatch(/0\.0\.0\.0|localhost/);
  });
});

describe('newClusterId', () => {
  it('is 22 base64url characters', () => {
    expect(newClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with "-" (Kafka would read it as a flag)', () => {
    const draws = [Buffer.from([0xfb, ...Array<number>(15).fill(1)]), Buffer.alloc(16, 7)];
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(16, 9));
    expect(id.startsWith('-')).toBe(false);
    expect(id).toBe(Buffer.alloc(16, 7).toString('base64url'));
  });
});

describe('kafkaVersionFromJars', () => {
  it('reads the version from the kafka_<scala>-<version>.jar name', () => {
    const jars = ['kafka-clients-4.1.1.jar', 'kafka_2.13-4.1.1.jar', 'scala-library-2.13.16.jar'];
    expect(kafkaVersionFromJars(jars)).toBe('4.1.1');
  });

  it('is undefined without the broker jar', () => {
    expect(kafkaVersionFromJars(['kafka-clients-4.1.1.jar'])).toBeUndefined();
  });
});

describe('kafkaJvmArgs', () => {
  it('caps the heap, points log4j at the stack logs and marks the process as ours', () => {
    const args = kafkaJvmArgs({
      heap: '512m',
      jarsDir: '/c/kafka-4.1.1',
      log4jFile: '/ops/l.xml',
      logsDir: '/s/logs',
      marker: '-Dm',
    });
    expect(args).toEqual(
      expect.arrayContaining([
        '-Xmx512m',
        '-Dkafka.logs.dir=/s/logs',
        '-Dlog4j2.configurationFile=/ops/l.xml',
        '-Dm',
      ]),
    );
    expect(args.slice(-2)).toEqual(['-cp', '/c/kafka-4.1.1/*']);
  });
});
