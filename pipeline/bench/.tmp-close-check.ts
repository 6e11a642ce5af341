import { loadConfig } from '../src/config/config';
import { FIXTURES_DIR, startFakeEdgar } from '../src/fake-edgar';
import { createRedis } from '../src/shared/cache/redis';
import { createPool } from '../src/shared/db/pool';
import { createKafka } from '../src/shared/kafka/client';
import { createProducer } from '../src/shared/kafka/producer';
import { createLogger } from '../src/shared/logger';
import { createMetrics } from '../src/shared/metrics/metrics';
import { startCrawler } from '../src/stages/crawler/run';
import { ensureDatabase } from '../src/shared/db/ensure-database';
import { migrate } from '../src/shared/db/migrate';
import { SQL_DIR } from '../src/paths';
async function main() {
  const fake = await startFakeEdgar({ dir: FIXTURES_DIR });
  const url = 'postgresql://postgres@127.0.0.1:5432/sec_tracker_closecheck';
  await ensureDatabase(url);
  const logger = createLogger('info');
  const config = loadConfig({ ...process.env, DATABASE_URL: url, TOPIC_PREFIX: 'closecheck.', EDGAR_BASE_URL: fake.baseUrl, EDGAR_DATA_BASE_URL: fake.dataBaseUrl, SEC_USER_AGENT: 'x y@example.com' });
  const pool = createPool(config, logger); await migrate(pool, SQL_DIR, logger);
  const redis = createRedis(config, logger);
  const producer = await createProducer(createKafka(config, logger));
  const c = await startCrawler({ config, logger, metrics: createMetrics(), producer, pool, redis });
  const r = await c.pollOnce();
  console.log('poll', r.produced, r.discovered);
  let t = Date.now(); await c.close(); console.log('crawler close ms', Date.now() - t);
  t = Date.now(); await producer.disconnect(); console.log('producer ms', Date.now() - t);
  t = Date.now(); await pool.query('DROP TABLE IF EXISTS x'); await pool.end(); await redis.quit(); await fake.close(); console.log('rest ms', Date.now() - t);
}
void main();
