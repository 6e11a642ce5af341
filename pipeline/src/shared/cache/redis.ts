import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

export type { Redis };

/** `options` override the defaults: the API fails fast (no offline queue) instead of waiting for Redis. */
export function createRedis(config: { redisUrl: string }, logger: Logger, options: RedisOptions = {}): Redis {
  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 3,
    lazyConnect: false,
    enableOfflineQueue: true,
    ...options,
  });
  redis.on('error', (err: Error) => logger.warn('redis error', { err }));
  return redis;
}
