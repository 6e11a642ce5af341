import {
  bool,
  hostPorts,
  int,
  list,
  listOf,
  namePrefix,
  num,
  oneOf,
  redisNamespace,
  str,
  url,
  userAgent,
  VariableError,
} from './variables';
import type { VariableSpec } from './variables';

/** Every variable sec-tracker reads. Nothing else in the code reads `process.env`. */
export const VARIABLES = {
  logLevel: {
    name: 'LOG_LEVEL',
    help: 'debug, info, warn or error',
    default: 'info',
    parse: oneOf('debug', 'info', 'warn', 'error'),
  },
  kafkaBrokers: {
    name: 'KAFKA_BROKERS',
    help: 'Kafka bootstrap servers, comma-separated host:port',
    default: '127.0.0.1:9092',
    parse: hostPorts,
  },
  kafkaClientId: {
    name: 'KAFKA_CLIENT_ID',
    help: 'Client id sent to Kafka',
    default: 'sec-tracker',
    parse: str,
  },
  topicPrefix: {
    name: 'TOPIC_PREFIX',
    help: 'Prefix of every topic, consumer group and schema subject name; ends in ".", "_" or "-"',
    default: '',
    parse: namePrefix,
  },
  groupPrefix: {
    name: 'GROUP_PREFIX',
    help: 'Extra prefix of consumer group names only (a second copy of a stage); ends in ".", "_" or "-"',
    default: '',
    parse: namePrefix,
  },
  schemaRegistryUrl: {
    name: 'SCHEMA_REGISTRY_URL',
    help: 'Confluent-compatible schema registry base URL',
    default: 'http://127.0.0.1:8081/apis/ccompat/v7',
    parse: url('http:', 'https:'),
  },
  databaseUrl: {
    name: 'DATABASE_URL',
    help: 'PostgreSQL connection URL',
    default: 'postgresql://postgres@127.0.0.1:5432/sec_tracker',
    secret: true,
    parse: url('postgres:', 'postgresql:'),
  },
  redisNamespace: {
    name: 'REDIS_NAMESPACE',
    help: 'Prefix of every Redis key written (unset: the database name, plus :TOPIC_PREFIX when set)',
    parse: redisNamespace,
  },
  secBudgetKey: {
    name: 'SEC_BUDGET_KEY',
    help: "Redis key prefix of SEC's fair-access budget (pacer, 403 breaker), shared by a host's deployments",
    default: 'sec-tracker:v1:sec-budget',
    parse: redisNamespace,
  },
  redisUrl: {
    name: 'REDIS_URL',
    help: 'Redis URL (API cache, shared crawler rate limit)',
    default: 'redis://127.0.0.1:6379',
    secret: true,
    parse: url('redis:', 'rediss:'),
  },
  edgarBaseUrl: {
    name: 'EDGAR_BASE_URL',
    help: 'Base of EDGAR archives, feeds and indexes',
    default: 'https://www.sec.gov',
    parse: url('http:', 'https:'),
  },
  edgarDataBaseUrl: {
    name: 'EDGAR_DATA_BASE_URL',
    help: 'Base of the data.sec.gov JSON APIs',
    default: 'https://data.sec.gov',
    parse: url('http:', 'https:'),
  },
  secUserAgent: {
    name: 'SEC_USER_AGENT',
    help: 'Required for live crawling: "Company Name contact@example.com"',
    parse: userAgent,
  },
  secRateLimit: {
    name: 'SEC_RATE_LIMIT',
    help: 'Requests per second to EDGAR, shared by all crawlers (SEC caps it at 10)',
    default: '8',
    parse: num(0.1, 10),
  },
  crawlSchedule: {
    name: 'CRAWL_SCHEDULE',
    help: 'node-cron expression for polling the live feed',
    default: '* * * * *',
    parse: str,
  },
  crawlForms: {
    name: 'CRAWL_FORMS',
    help: 'Form types to take from the feed',
    default: '3,4,5',
    parse: list,
  },
  crawlBreakerMinutes: {
    name: 'CRAWL_BREAKER_MINUTES',
    help: 'How long every crawler pauses after EDGAR answers 403 (its throttle)',
    default: '10',
    parse: num(0.01, 1440),
  },
  crawlFeedPageSize: {
    name: 'CRAWL_FEED_PAGE_SIZE',
    help: 'Entries per getcurrent feed page (EDGAR allows up to 100)',
    default: '100',
    parse: int(10, 100),
  },
  crawlConcurrency: {
    name: 'CRAWL_CONCURRENCY',
    help: 'Filings fetched at once per crawler process (the shared rate limit still applies)',
    default: '4',
    parse: int(1, 32),
  },
  crawlLeaseSeconds: {
    name: 'CRAWL_LEASE_SECONDS',
    help: 'How long a crawler owns a claimed filing before another may take it over',
    default: '120',
    parse: int(5, 3600),
  },
  crawlTimeoutSeconds: {
    name: 'CRAWL_TIMEOUT_SECONDS',
    help: 'Timeout of one EDGAR request',
    default: '30',
    parse: num(0.1, 600),
  },
  reconcileSchedule: {
    name: 'RECONCILE_SCHEDULE',
    help: 'node-cron expression for checking newly published daily indexes',
    default: '*/30 * * * *',
    parse: str,
  },
  reconcileAfterHourEt: {
    name: 'RECONCILE_AFTER_HOUR_ET',
    help: "Hour (US Eastern) after which a business day's daily index is expected",
    default: '22',
    parse: int(0, 23),
  },
  reconcileLookbackDays: {
    name: 'RECONCILE_LOOKBACK_DAYS',
    help: 'Business days the first reconciliation looks back',
    default: '3',
    parse: int(1, 60),
  },
  tickersSchedule: {
    name: 'TICKERS_SCHEDULE',
    help: 'node-cron expression for refreshing company_tickers.json into Postgres',
    default: '17 6 * * *',
    parse: str,
  },
  clusterMinInsiders: {
    name: 'CLUSTER_MIN_INSIDERS',
    help: 'Distinct insiders buying on the open market within CLUSTER_WINDOW_DAYS that make a cluster buy',
    default: '3',
    parse: int(2, 1000),
  },
  clusterWindowDays: {
    name: 'CLUSTER_WINDOW_DAYS',
    help: 'Trailing calendar days the purchases of a cluster buy must fall in',
    default: '10',
    parse: int(1, 366),
  },
  clusterMinValue: {
    name: 'CLUSTER_MIN_VALUE',
    help: 'Dollars of open-market purchases in the window an insider needs to count towards a cluster buy',
    default: '0',
    parse: (raw: string) => {
      if (!/^\d+(\.\d+)?$/.test(raw)) {
        throw new VariableError('expected a non-negative decimal such as 100000 or 2500.50');
      }
      return raw;
    },
  },
  clusterRoles: {
    name: 'CLUSTER_ROLES',
    help: 'Roles that count towards a cluster buy, comma-separated: director, officer, ten_percent_owner, other',
    default: 'director,officer,ten_percent_owner,other',
    parse: listOf('director', 'officer', 'ten_percent_owner', 'other'),
  },
  analysisBaseUrl: {
    name: 'ANALYSIS_BASE_URL',
    help: 'OpenAI-compatible Chat Completions base URL (OpenRouter, OpenAI, vLLM, Ollama…); set it or ANALYSIS_API_KEY to use a model, else the rule-based analyst writes every analysis. Unset with a key: https://openrouter.ai/api/v1',
    parse: url('http:', 'https:'),
  },
  analysisApiKey: {
    name: 'ANALYSIS_API_KEY',
    help: 'API key of the model provider (sent as a bearer token)',
    secret: true,
    parse: str,
  },
  analysisModel: {
    name: 'ANALYSIS_MODEL',
    help: 'Model name as the provider knows it; stored with every analysis',
    default: 'openai/gpt-4o-mini',
    parse: str,
  },
  analysisTimeoutSeconds: {
    name: 'ANALYSIS_TIMEOUT_SECONDS',
    help: 'Timeout of one model call (each retry gets its own)',
    default: '60',
    parse: num(1, 600),
  },
  analysisMaxRetries: {
    name: 'ANALYSIS_MAX_RETRIES',
    help: 'Retries of a model call on timeouts, 408/409/429 and 5xx, with backoff honouring Retry-After',
    default: '2',
    parse: int(0, 10),
  },
  analysisConcurrency: {
    name: 'ANALYSIS_CONCURRENCY',
    help: 'Model calls in flight at once per analysis process',
    default: '4',
    parse: int(1, 64),
  },
  analysisDailyTokenBudget: {
    name: 'ANALYSIS_DAILY_TOKEN_BUDGET',
    help: 'Tokens (in + out) all analysts may spend per UTC day; past it the rule-based analyst answers (0: never call a model)',
    default: '1000000',
    parse: int(0, 1_000_000_000),
  },
  analysisMaxOutputTokens: {
    name: 'ANALYSIS_MAX_OUTPUT_TOKENS',
    help: 'Upper bound on tokens of one model answer',
    default: '800',
    parse: int(100, 16000),
  },
  analysisInputPrice: {
    name: 'ANALYSIS_INPUT_PRICE',
    help: 'USD per million input tokens, for the cost of a call when the provider does not report it',
    default: '0.15',
    parse: num(0, 1000),
  },
  analysisOutputPrice: {
    name: 'ANALYSIS_OUTPUT_PRICE',
    help: 'USD per million output tokens, for the cost of a call when the provider does not report it',
    default: '0.6',
    parse: num(0, 1000),
  },
  analysisRules: {
    name: 'ANALYSIS_RULES',
    help: 'Notable-activity rules that request an analysis, comma-separated: large_purchase, cluster_buy, ceo_cfo_trade, first_purchase, large_sale',
    default: 'large_purchase,cluster_buy,ceo_cfo_trade,first_purchase,large_sale',
    parse: listOf('large_purchase', 'cluster_buy', 'ceo_cfo_trade', 'first_purchase', 'large_sale'),
  },
  analysisMinPurchaseValue: {
    name: 'ANALYSIS_MIN_PURCHASE_VALUE',
    help: "large_purchase: dollars of one filing's open-market purchases that make it notable",
    default: '100000',
    parse: num(0, 1e12),
  },
  analysisMinSalePercent: {
    name: 'ANALYSIS_MIN_SALE_PERCENT',
    help: 'large_sale: percent of the holding sold on the open market in one filing that makes it notable',
    default: '10',
    parse: num(0, 100),
  },
  analysisFirstPurchaseYears: {
    name: 'ANALYSIS_FIRST_PURCHASE_YEARS',
    help: 'first_purchase: years without an open-market purchase by the insider at the issuer (and that much of their filings on record)',
    default: '2',
    parse: num(0.1, 50),
  },
  analysisLoadWaitSeconds: {
    name: 'ANALYSIS_LOAD_WAIT_SECONDS',
    help: 'How long the notable-activity detector waits for a filing to be loaded before it goes on without it',
    default: '300',
    parse: int(1, 86400),
  },
  apiHost: { name: 'API_HOST', help: 'Interface the REST API listens on', default: '127.0.0.1', parse: str },
  apiPort: {
    name: 'API_PORT',
    help: 'Port of the REST API (0 picks a free port)',
    default: '8080',
    parse: int(0, 65535),
  },
  apiMetricsPort: {
    name: 'API_METRICS_PORT',
    help: 'Port serving the API process /metrics, apart from the public API port (0 picks a free port)',
    default: '9465',
    parse: int(0, 65535),
  },
  apiAuth: {
    name: 'API_AUTH',
    help: 'auto: keys or tokens required once any key (API_KEYS, `sec-tracker keys`) or JWT setting exists; required; open',
    default: 'auto',
    parse: oneOf('auto', 'required', 'open'),
  },
  apiKeys: {
    name: 'API_KEYS',
    help: 'Comma-separated API keys for a single-key deployment (else `sec-tracker keys create`)',
    secret: true,
    parse: list,
  },
  jwtSecret: {
    name: 'JWT_SECRET',
    help: 'HS256 secret for bearer tokens accepted by the API',
    secret: true,
    parse: str,
  },
  jwtPublicKeyFile: {
    name: 'JWT_PUBLIC_KEY_FILE',
    help: 'PEM public key (RSA: RS256, EC P-256: ES256) for bearer tokens accepted by the API',
    parse: str,
  },
  jwtJwksFile: {
    name: 'JWT_JWKS_FILE',
    help: 'JWKS file (RSA and EC P-256 keys, chosen by the token kid) for bearer tokens',
    parse: str,
  },
  jwtIssuer: { name: 'JWT_ISSUER', help: 'Required iss of bearer tokens', parse: str },
  jwtAudience: { name: 'JWT_AUDIENCE', help: 'Required aud of bearer tokens', parse: str },
  jwtClockSkewSeconds: {
    name: 'JWT_CLOCK_SKEW_SECONDS',
    help: 'Clock skew tolerated on exp and nbf of bearer tokens',
    default: '30',
    parse: int(0, 300),
  },
  apiRateLimit: {
    name: 'API_RATE_LIMIT',
    help: 'Requests per minute per principal (API key, JWT sub, else client IP); a key may override it',
    default: '60',
    parse: int(1, 10_000_000),
  },
  apiRateLimitRedisDown: {
    name: 'API_RATE_LIMIT_REDIS_DOWN',
    help: 'While Redis is down: memory (each replica counts alone), open (no limit) or closed (503)',
    default: 'memory',
    parse: oneOf('memory', 'open', 'closed'),
  },
  trustedProxies: {
    name: 'TRUSTED_PROXIES',
    help: 'IPs or CIDRs of load balancers whose X-Forwarded-For names the client (else it is ignored)',
    parse: list,
  },
  apiCacheMaxAgeSeconds: {
    name: 'API_CACHE_MAX_AGE_SECONDS',
    help: 'max-age of the Cache-Control: public header on API data responses',
    default: '5',
    parse: int(0, 86400),
  },
  apiMaxStaleSeconds: {
    name: 'API_MAX_STALE_SECONDS',
    help: 'Bound on how long after a load the API may still answer from data before it',
    default: '5',
    parse: int(1, 300),
  },
  apiCorsOrigins: {
    name: 'API_CORS_ORIGINS',
    help: 'Comma-separated origins allowed by CORS (* for any); unset: no CORS headers',
    parse: list,
  },
  apiCompressBytes: {
    name: 'API_COMPRESS_BYTES',
    help: 'Responses larger than this are sent gzip or brotli when the client accepts it',
    default: '1024',
    parse: int(0, 100_000_000),
  },
  cacheTtlSeconds: {
    name: 'API_CACHE_TTL_SECONDS',
    help: 'Upper bound on how long an API response is cached',
    default: '300',
    parse: int(1, 86400),
  },
  metricsPort: {
    name: 'METRICS_PORT',
    help: 'Port serving /metrics for pipeline processes (0 picks a free port)',
    default: '9464',
    parse: int(0, 65535),
  },
  metricsHost: {
    name: 'METRICS_HOST',
    help: 'Interface the /metrics server listens on (0.0.0.0 in containers)',
    default: '127.0.0.1',
    parse: str,
  },
  stackDir: {
    name: 'STACK_DIR',
    help: 'Where the local stack keeps downloads, data, logs and pid files',
    default: 'ops/.stack',
    parse: str,
  },
  kafkaVersion: {
    name: 'KAFKA_VERSION',
    help: 'Apache Kafka version the local stack fetches from Maven Central',
    default: '4.1.1',
    parse: str,
  },
  registryVersion: {
    name: 'REGISTRY_VERSION',
    help: 'Apicurio Registry version the local stack fetches',
    default: '3.3.3',
    parse: str,
  },
  registryJavaHome: {
    name: 'REGISTRY_JAVA_HOME',
    help: 'JDK 21+ for the registry (found automatically when unset)',
    parse: str,
  },
  kafkaHeap: { name: 'KAFKA_HEAP', help: 'JVM max heap of the local broker', default: '512m', parse: str },
  registryHeap: {
    name: 'REGISTRY_HEAP',
    help: 'JVM max heap of the local registry',
    default: '384m',
    parse: str,
  },
  kafkaControllerPort: {
    name: 'KAFKA_CONTROLLER_PORT',
    help: 'Loopback port of the KRaft controller listener of the local broker',
    default: '9093',
    parse: int(1, 65535),
  },
  registryManagementPort: {
    name: 'REGISTRY_MANAGEMENT_PORT',
    help: 'Loopback port of the health/metrics interface of the local registry (unset: registry port + 1000)',
    parse: int(1, 65535),
  },
  registryDatabase: {
    name: 'REGISTRY_DATABASE',
    help: 'Database (on the DATABASE_URL server) where the local registry keeps its schemas',
    default: 'sec_tracker_registry',
    parse: str,
  },
  javaHome: {
    name: 'JAVA_HOME',
    help: 'JDK 17+ for the local broker (else java on PATH, else the newest under /usr/lib/jvm)',
    parse: str,
  },
  stackStartTimeoutSeconds: {
    name: 'STACK_START_TIMEOUT_SECONDS',
    help: 'How long stack up waits for the broker and the registry to become healthy',
    default: '120',
    parse: int(5, 3600),
  },
  fakeEdgarPort: {
    name: 'FAKE_EDGAR_PORT',
    help: 'Port of the bundled fake EDGAR used by the demo (npm start)',
    default: '8089',
    parse: int(0, 65535),
  },
  demo: {
    name: 'DEMO',
    help: 'npm start: serve bundled fixtures through the fake EDGAR (auto: when SEC_USER_AGENT is unset)',
    default: 'auto',
    parse: oneOf('auto', 'true', 'false'),
  },
  stackAutostart: {
    name: 'STACK_AUTOSTART',
    help: 'Let tests start the local stack when no services are named',
    default: 'true',
    parse: bool,
  },
} satisfies Record<string, VariableSpec<unknown>>;

type Variables = typeof VARIABLES;
type ParsedValue<K extends keyof Variables> = ReturnType<Variables[K]['parse']>;
/** Variables without a default whose value loadConfig derives from others when unset. */
type Derived = 'redisNamespace';
export type Config = {
  readonly [K in keyof Variables]: Variables[K] extends { default: string }
    ? ParsedValue<K>
    : K extends Derived
      ? ParsedValue<K>
      : ParsedValue<K> | undefined;
};

/**
 * Two deployments sharing one Redis must never read each other's keys. Each normally has its own
 * database (and often its own topic prefix), so the namespace defaults to those.
 */
export function defaultRedisNamespace(databaseUrl: string, topicPrefix: string): string {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'postgres';
  const prefix = topicPrefix.replace(/[.:_-]+$/, '');
  return prefix ? `${database}:${prefix}` : database;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once into a frozen, typed object; throws naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(VARIABLES) as [string, VariableSpec<unknown>][]) {
    const raw = env[spec.name];
    const value = raw === undefined || raw === '' ? spec.default : raw;
    if (value === undefined) {
      out[key] = undefined;
      continue;
    }
    try {
      out[key] = spec.parse(value);
    } catch (err) {
      const reason = err instanceof VariableError ? err.message : String(err);
      problems.push(`${spec.name}: ${reason}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  out.redisNamespace ??= defaultRedisNamespace(out.databaseUrl as string, out.topicPrefix as string);
  return Object.freeze(out) as Config;
}

/** Masks the password of URLs and whole secret values, for printing. */
export function maskSecret(spec: VariableSpec<unknown>, value: unknown): string {
  if (value === undefined) {
    return '(unset)';
  }
  const text = Array.isArray(value)
    ? value.join(',')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  if (!spec.secret) {
    return text;
  }
  if (/^[a-z]+:\/\//.test(text)) {
    try {
      const u = new URL(text);
      if (u.password) {
        u.password = '****';
      }
      return u.toString().replace(/\/$/, '');
    } catch {
      return '****';
    }
  }
  return '****';
}

export function describeConfig(
  config: Config,
): { name: string; value: string; default: string; help: string }[] {
  return (Object.entries(VARIABLES) as [keyof Config, VariableSpec<unknown>][]).map(([key, spec]) => ({
    name: spec.name,
    value: maskSecret(spec, config[key]),
    default: spec.default ?? '(none)',
    help: spec.help,
  }));
}
