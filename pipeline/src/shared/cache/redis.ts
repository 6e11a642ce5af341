import { Redis } from 'ioredis';
import type { Logger } from '../logger';

export type { Redis };

export function createRedis(config: { redisUrl: string }, logger: Logger): Redis {
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 3,
    lazyConnect: false,
    enableOfflineQueue: true,
  });
  redis.on('error', (err: Error) => logger.warn('redis error', { err }));
  return redis;
}
