/**
 * GET requests to EDGAR with SEC's fair-access manners: a declared User-Agent, gzip, a timeout,
 * one shared pace for all crawlers, retries with jittered exponential backoff that honour
 * Retry-After, and a shared pause when EDGAR's throttle answers 403.
 *
 * A 403 is not always the throttle: EDGAR's archive answers a missing file with an S3-style
 * `<Error><Code>AccessDenied</Code>` XML body and status 403. That one means "not found" and must
 * not pause anybody.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '../../shared/backoff';
import { PipelineError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import type { CrawlerMetrics } from './crawler-metrics';
import { edgarEndpoint } from './edgar-endpoint';
import type { RateGate } from './rate-gate';
import { retryAfterMs } from './retry-after';

export type EdgarErrorKind = 'not_found' | 'throttled' | 'http' | 'network' | 'timeout' | 'gave_up';

export class EdgarError extends PipelineError {
  constructor(
    readonly kind: EdgarErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, `EDGAR_${kind.toUpperCase()}`, kind !== 'not_found' && kind !== 'http', options);
  }
}

export interface EdgarResponse {
  url: string;
  status: number;
  body: Buffer;
  contentType: string;
}

export interface GetOptions {
  signal?: AbortSignal;
  /** Overrides the client's attempt count (e.g. 2 for feed pages deep enough to fail for good). */
  maxAttempts?: number;
}

export interface EdgarClient {
  get(url: string, options?: GetOptions): Promise<EdgarResponse>;
}

export interface EdgarClientOptions {
  userAgent: string;
  gate: RateGate;
  logger: Logger;
  metrics: CrawlerMetrics;
  timeoutMs: number;
  /** Requests per call before giving up with a retriable `gave_up` error. @defaultValue 6 */
  maxAttempts?: number;
  /** First backoff step. @defaultValue 500 */
  backoffBaseMs?: number;
  fetchImpl?: typeof fetch;
  /** Waits between attempts (tests record the waits instead of spending them). @defaultValue timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

function isArchiveNotFound(body: Buffer): boolean {
  const head = body.subarray(0, 512).toString('latin1');
  return /<Error>\s*<Code>(AccessDenied|NoSuchKey)<\/Code>/.test(head);
}

export function createEdgarClient(o: EdgarClientOptions): EdgarClient {
  const defaultAttempts = o.maxAttempts ?? 6;
  const doFetch = o.fetchImpl ?? fetch;
  const wait = o.sleep ?? ((ms: number, signal?: AbortSignal) => sleep(ms, undefined, { signal }));
  const headers = { 'User-Agent': o.userAgent, 'Accept-Encoding': 'gzip, deflate', Accept: '*/*' };

  /** One request; returns the response or a retriable failure with the delay it asks for. */
  async function attempt(
    url: string,
    n: number,
    signal?: AbortSignal,
  ): Promise<EdgarResponse | { retry: EdgarError; delayMs: number }> {
    const endpoint = edgarEndpoint(url);
    const ticket = await o.gate.acquire(signal);
    const started = performance.now();
    const timeout = AbortSignal.timeout(o.timeoutMs);
    let res: Response;
    let body: Buffer;
    try {
      try {
        res = await doFetch(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } finally {
        // Headers back (or the request failed): it has reached EDGAR, and the shared log learns when.
        await o.gate.arrived(ticket).catch(() => undefined);
      }
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      signal?.throwIfAborted();
      const timedOut = timeout.aborted;
      o.metrics.requests.inc({ endpoint, status: timedOut ? 'timeout' : 'network' });
      const reason = timedOut
        ? `timed out after ${o.timeoutMs} ms`
        : `network error: ${(err as Error).message}`;
      const kind = timedOut ? 'timeout' : 'network';
      return {
        retry: new EdgarError(kind, url, reason, undefined, { cause: err }),
        delayMs: backoffDelay(n, o.backoffBaseMs ?? 500),
      };
    } finally {
      o.metrics.requestSeconds.observe({ endpoint }, (performance.now() - started) / 1000);
    }
    o.metrics.requests.inc({ endpoint, status: String(res.status) });
    const contentType = res.headers.get('content-type') ?? '';
    if (res.status === 200) {
      return { url, status: 200, body, contentType };
    }
    if (res.status === 403 && isArchiveNotFound(body)) {
      throw new EdgarError('not_found', url, 'EDGAR has no such file (403 AccessDenied)', 403);
    }
    if (res.status === 404 || res.status === 410) {
      throw new EdgarError('not_found', url, `HTTP ${res.status}`, res.status);
    }
    if (res.status === 403) {
      await o.gate.trip(`403 on ${url}`);
      // The next attempt waits in acquire() until the breaker closes.
      return { retry: new EdgarError('throttled', url, 'HTTP 403 (EDGAR throttle)', 403), delayMs: 0 };
    }
    if (RETRIABLE_STATUS.has(res.status)) {
      const asked = retryAfterMs(res.headers.get('retry-after')) ?? 0;
      const delayMs = Math.max(asked, backoffDelay(n, o.backoffBaseMs ?? 500));
      return { retry: new EdgarError('http', url, `HTTP ${res.status}`, res.status), delayMs };
    }
    throw new EdgarError('http', url, `HTTP ${res.status}`, res.status);
  }

  return {
    async get(url, options = {}) {
      const { signal } = options;
      const maxAttempts = options.maxAttempts ?? defaultAttempts;
      let last: EdgarError | undefined;
      for (let n = 1; n <= maxAttempts; n++) {
        const out = await attempt(url, n, signal);
        if (!('retry' in out)) {
          return out;
        }
        last = out.retry;
        const reason = out.retry.status ? String(out.retry.status) : out.retry.kind;
        o.metrics.retries.inc({ reason });
        if (n < maxAttempts) {
          o.logger.debug('EDGAR request will be retried', {
            url,
            reason: out.retry.message,
            attempt: n,
            delayMs: out.delayMs,
          });
          if (out.delayMs > 0) {
            await wait(out.delayMs, signal);
          }
        }
      }
      throw new EdgarError(
        'gave_up',
        url,
        `gave up after ${maxAttempts} attempts: ${last?.message ?? ''}`,
        last?.status,
        {
          cause: last,
        },
      );
    },
  };
}
