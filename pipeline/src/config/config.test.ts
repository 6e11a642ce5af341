import { ConfigError, describeConfig, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults and returns a frozen object', () => {
    const config = loadConfig({});
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.secRateLimit).toBe(8);
    expect(config.secUserAgent).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        API_PORT: 'eighty',
        SEC_RATE_LIMIT: '25',
        SEC_USER_AGENT: 'curl/8',
        KAFKA_BROKERS: 'localhost',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/API_PORT: expected an integer/);
    expect(problems).toMatch(/SEC_RATE_LIMIT: expected 0.1..10, got 25/);
    expect(problems).toMatch(/SEC_USER_AGENT: expected "Company Name contact@example.com"/);
    expect(problems).toMatch(/KAFKA_BROKERS: expected host:port/);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('accepts a fair-access User-Agent and trims trailing slashes of URLs', () => {
    const config = loadConfig({
      SEC_USER_AGENT: 'Acme Research ops@acme.example',
      EDGAR_BASE_URL: 'http://127.0.0.1:9/',
    });
    expect(config.secUserAgent).toBe('Acme Research ops@acme.example');
    expect(config.edgarBaseUrl).toBe('http://127.0.0.1:9');
  });

  it('masks secrets when describing the configuration', () => {
    const rows = describeConfig(
      loadConfig({ DATABASE_URL: 'postgresql://app:hunter2@db:5432/x', API_KEYS: 'k1,k2' }),
    );
    const byName = new Map(rows.map((r) => [r.name, r.value]));
    expect(byName.get('DATABASE_URL')).toBe('postgresql://app:****@db:5432/x');
    expect(byName.get('API_KEYS')).toBe('****');
    expect(byName.get('KAFKA_BROKERS')).toBe('127.0.0.1:9092');
  });

  it('takes a topic or group prefix only when it ends in a separator', () => {
    expect(loadConfig({ TOPIC_PREFIX: 'e2e-1a2b3c4d.', GROUP_PREFIX: 'ref_' })).toMatchObject({
      topicPrefix: 'e2e-1a2b3c4d.',
      groupPrefix: 'ref_',
    });
    expect(loadConfig({ TOPIC_PREFIX: 'tenant-' }).topicPrefix).toBe('tenant-');
    expect(() => loadConfig({ TOPIC_PREFIX: 'tenant' })).toThrow(
      /TOPIC_PREFIX: must end with a separator \("\.", "_" or "-"\), e\.g\. "tenant\."/,
    );
    expect(() => loadConfig({ GROUP_PREFIX: 'copy' })).toThrow(/GROUP_PREFIX: must end with a separator/);
    expect(() => loadConfig({ TOPIC_PREFIX: 'a b.' })).toThrow(/TOPIC_PREFIX: expected up to 200 letters/);
  });

  it('shares the SEC budget keys across deployments unless told otherwise', () => {
    const staging = loadConfig({ DATABASE_URL: 'postgresql://u@db/staging', TOPIC_PREFIX: 'staging.' });
    const production = loadConfig({ DATABASE_URL: 'postgresql://u@db/production' });
    expect(staging.secBudgetKey).toBe('sec-tracker:v1:sec-budget');
    expect(production.secBudgetKey).toBe(staging.secBudgetKey);
    expect(staging.redisNamespace).not.toBe(production.redisNamespace);
    expect(loadConfig({ SEC_BUDGET_KEY: 'test-1.sec-budget' }).secBudgetKey).toBe('test-1.sec-budget');
    expect(() => loadConfig({ SEC_BUDGET_KEY: 'a*' })).toThrow(/SEC_BUDGET_KEY/);
  });

  it('derives the Redis namespace from the database name and the topic prefix unless set', () => {
    expect(loadConfig({}).redisNamespace).toBe('sec_tracker');
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://u@db/staging', TOPIC_PREFIX: 'staging.' }).redisNamespace,
    ).toBe('staging:staging');
    expect(loadConfig({ TOPIC_PREFIX: 'tenant-a.', REDIS_NAMESPACE: 'prod' }).redisNamespace).toBe('prod');
    expect(() => loadConfig({ REDIS_NAMESPACE: 'a b*' })).toThrow(/REDIS_NAMESPACE: expected 1-100/);
  });
});
