/**
 * The request pacer and 403 breaker shared by every crawler process through Redis.
 *
 * Three Lua scripts, all on Redis's clock:
 * - RESERVE paces (GCRA without burst): each caller reserves the next free slot on one shared
 *   timeline and sleeps until it, so requests from all processes are spread evenly, a little
 *   slower than the configured rate (RATE_HEADROOM).
 * - ADMIT enforces the cap: right before sending, a caller must find fewer than `cap` entries
 *   in the last second (plus a small guard) of a shared log, and is entered in it.
 * - ARRIVED moves the caller's entry to the moment the response headers came back, a time at
 *   which the request has certainly reached EDGAR.
 * Pacing alone is not enough: a process that wakes late from its sleep (a busy CPU, a GC pause)
 * sends late while the next process sends on time, and two such requests squeeze an extra one
 * into a one-second window. Because the log keeps each request at a time no earlier than its
 * arrival, a late request pushes the following admissions back instead of crowding them.
 *
 * The breaker is a key with a TTL: while it exists, nobody is admitted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger';
import type { CrawlerKeys } from './crawler-keys';
import type { CrawlerMetrics } from './crawler-metrics';

/**
 * Fraction of the configured rate used for pacing, matched to the admission window
 * (1000 ms + ADMIT_GUARD_MS for 10 requests): evenly spaced requests then never wait on the log.
 */
export const RATE_HEADROOM = 0.97;

const RESERVE = `
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then return {1, ttl * 1000} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local wait = slot - now
if wait > tonumber(ARGV[2]) then return {2, wait} end
redis.call('SET', KEYS[1], string.format('%.0f', slot + tonumber(ARGV[1])), 'PX', 120000)
return {0, wait}
`;

const ADMIT = `
local ttl = redis.call('PTTL', KEYS[2])
if ttl > 0 then return {1, ttl * 1000} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], string.format('%.0f', now), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return {0, 0}
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
return {2, oldest + window - now}
`;

/** Extra time on the admission window, for requests whose response has not come back yet. */
export const ADMIT_GUARD_MS = 10;

const ARRIVED = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZADD', KEYS[1], 'GT', string.format('%.0f', now), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
`;

/** Proof of admission, handed back when the response arrives. */
export interface RateTicket {
  readonly id: string;
}

export interface RateGate {
  /** Resolves when this caller may send one request; waits out an open breaker. */
  acquire(signal?: AbortSignal): Promise<RateTicket>;
  /** The request's response (or failure) came back: it has reached EDGAR by now. */
  arrived(ticket: RateTicket): Promise<void>;
  /** Opens the shared breaker; true when this call opened it (so only one process logs it). */
  trip(reason: string): Promise<boolean>;
  /** Milliseconds the breaker stays open, 0 when closed. */
  pausedForMs(): Promise<number>;
}

export interface RateGateOptions {
  redis: Redis;
  keys: CrawlerKeys;
  /** Requests per second for all crawlers together (≤ 10, SEC's limit). */
  ratePerSecond: number;
  breakerMs: number;
  logger: Logger;
  metrics: CrawlerMetrics;
  /** Reservations further ahead than this are not taken (callers retry): keeps queues short. */
  maxAheadMs?: number;
}

type Reply = [number, number];

export function createRateGate(o: RateGateOptions): RateGate {
  const intervalUs = Math.ceil(1_000_000 / (o.ratePerSecond * RATE_HEADROOM));
  const maxAheadUs = (o.maxAheadMs ?? 10_000) * 1000;
  // At most `cap` admissions per window: 10 per (1 s + guard) at 10 req/s; 1 per 2 s at 0.5 req/s.
  const cap = Math.max(1, Math.floor(o.ratePerSecond));
  const windowUs = Math.round(((cap / o.ratePerSecond) * 1000 + ADMIT_GUARD_MS) * 1000);
  let admissions = 0;
  const memberPrefix = `${process.pid}:${Math.random().toString(36).slice(2)}:`;
  let pausedLogged = false;

  const onPaused = (waitUs: number): void => {
    if (pausedLogged) {
      return;
    }
    pausedLogged = true;
    o.metrics.breakerOpen.set(1);
    o.logger.warn('EDGAR breaker open: crawling paused', { resumesInSeconds: Math.round(waitUs / 1e6) });
  };
  const onRunning = (): void => {
    if (!pausedLogged) {
      return;
    }
    pausedLogged = false;
    o.metrics.breakerOpen.set(0);
    o.logger.info('EDGAR breaker closed: crawling again');
  };
  /** Paused, or booked ahead: look again later, never busy-loop. */
  const backOff = (waitUs: number, signal?: AbortSignal): Promise<void> =>
    sleep(Math.min(1000, Math.max(5, waitUs / 1000 / 2)), undefined, { signal });

  return {
    async acquire(signal) {
      const started = performance.now();
      for (;;) {
        signal?.throwIfAborted();
        const [status, waitUs] = (await o.redis.eval(
          RESERVE,
          2,
          o.keys.rateSlot,
          o.keys.breaker,
          intervalUs,
          maxAheadUs,
        )) as Reply;
        if (status === 0) {
          if (waitUs > 0) {
            await sleep(Math.ceil(waitUs / 1000), undefined, { signal });
          }
          break;
        }
        if (status === 1) {
          onPaused(waitUs);
        }
        await backOff(waitUs, signal);
      }
      const id = memberPrefix + String(++admissions);
      for (;;) {
        signal?.throwIfAborted();
        const [status, waitUs] = (await o.redis.eval(
          ADMIT,
          2,
          o.keys.rateLog,
          o.keys.breaker,
          windowUs,
          cap,
          id,
        )) as Reply;
        if (status === 0) {
          break;
        }
        if (status === 1) {
          onPaused(waitUs);
        }
        // Sleep just past the moment the oldest admission leaves the window.
        await sleep(Math.max(1, Math.ceil(waitUs / 1000)), undefined, { signal });
      }
      onRunning();
      o.metrics.rateWaitSeconds.observe((performance.now() - started) / 1000);
      return { id };
    },
    async arrived(ticket) {
      await o.redis.eval(ARRIVED, 1, o.keys.rateLog, ticket.id, Math.ceil(windowUs / 1000) + 1000);
    },
    async trip(reason) {
      const opened =
        (await o.redis.set(o.keys.breaker, reason, 'PX', Math.max(1, Math.round(o.breakerMs)), 'NX')) ===
        'OK';
      if (opened) {
        o.metrics.breakerTrips.inc();
        o.logger.error('EDGAR answered 403 (throttled): pausing every crawler', {
          reason,
          pauseMinutes: Math.round((o.breakerMs / 60000) * 100) / 100,
        });
      }
      return opened;
    },
    async pausedForMs() {
      return Math.max(0, await o.redis.pttl(o.keys.breaker));
    },
  };
}
