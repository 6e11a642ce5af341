/**
 * Drains the crawl ledger: claim a filing, download its full submission, check it, produce it to
 * the raw topic, mark it done. Several loops run at once; the shared pacer decides the real rate.
 * Every way a filing can go wrong ends in the ledger with a reason, a log line and a metric.
 */
import { rawFilingHeaders } from '../../records/raw-filing';
import type { RawFiling } from '../../records/raw-filing';
import { backoffDelay } from '../../shared/backoff';
import { submissionTextPath } from './accession';
import type { CrawlerContext } from './crawler-context';
import { EdgarError } from './edgar-client';
import { NOT_ISSUER_PREFIX } from './filing-ledger';
import type { ClaimedFiling } from './filing-ledger';
import { checkSubmission } from './submission-check';

export interface DrainOptions {
  /** Only this backfill job's filings. */
  jobId?: string;
  /** Company history: produce only filings whose issuer is this CIK. */
  issuerCik?: string;
  signal?: AbortSignal;
  /** Called after each filing (progress bars). */
  onFiling?: (outcome: FilingOutcome) => void;
}

export type FilingOutcome = 'produced' | 'skipped' | 'failed' | 'retry' | 'not_issuer';

export interface DrainReport {
  produced: number;
  skipped: number;
  failed: number;
  retried: number;
  duplicates: number;
}

/** A filing gets this many claims before it is declared failed. */
export const MAX_FILING_ATTEMPTS = 6;

async function processFiling(
  ctx: CrawlerContext,
  f: ClaimedFiling,
  o: DrainOptions,
  report: DrainReport,
): Promise<FilingOutcome> {
  const { ledger, logger, metrics } = ctx;
  const url = ctx.config.edgarBaseUrl + submissionTextPath(f.archiveCik, f.accessionNumber);
  const log = logger.child({ accession: f.accessionNumber, url });
  const bad = async (state: 'skipped' | 'failed', reason: string, detail: string): Promise<FilingOutcome> => {
    metrics.badInput.inc({ source: f.source, reason });
    log.warn(`filing not produced: ${reason}`, { detail, attempts: f.attempts });
    await ledger.finish(f.accessionNumber, state, `${reason}: ${detail}`);
    return state;
  };
  const later = async (reason: string, delayMs: number): Promise<FilingOutcome> => {
    if (f.attempts >= MAX_FILING_ATTEMPTS) {
      return bad('failed', 'gave_up', `${reason} (after ${f.attempts} attempts)`);
    }
    log.info('filing will be retried later', { reason, delayMs, attempts: f.attempts });
    await ledger.retryLater(f.accessionNumber, ctx.worker, reason, delayMs);
    report.retried++;
    return 'retry';
  };

  let body: Buffer;
  try {
    body = (await ctx.client.get(url, { signal: o.signal })).body;
  } catch (err) {
    if (o.signal?.aborted) {
      throw err;
    }
    if (!(err instanceof EdgarError)) {
      throw err;
    }
    if (err.kind === 'not_found') {
      // The feed can list a filing a moment before its folder is in the archive: try again later.
      metrics.badInput.inc({ source: f.source, reason: 'not_found' });
      return later(`not found: ${err.message}`, Math.min(30 * 60_000, 60_000 * 2 ** (f.attempts - 1)));
    }
    if (err.kind === 'http') {
      return bad('failed', `http_${err.status ?? 'error'}`, err.message);
    }
    return later(err.message, backoffDelay(f.attempts, 5_000, 10 * 60_000));
  }
  const text = body.toString('latin1');
  const check = checkSubmission(text, f.accessionNumber);
  if (!check.ok) {
    if (check.retriable) {
      metrics.badInput.inc({ source: f.source, reason: check.reason });
      return later(`${check.reason}: ${check.detail}`, backoffDelay(f.attempts, 2_000, 60_000));
    }
    return bad('skipped', check.reason, check.detail);
  }
  // Only filings this company job discovered itself are dropped; one another source found is wanted anyway.
  if (o.issuerCik && check.issuerCik !== o.issuerCik && f.source === 'company') {
    log.debug('not produced: the company is not the issuer of this filing', { issuer: check.issuerCik });
    await ledger.finish(f.accessionNumber, 'skipped', `${NOT_ISSUER_PREFIX}${o.issuerCik}`);
    return 'not_issuer';
  }
  const raw: RawFiling = {
    accessionNumber: f.accessionNumber,
    formType: check.formType || f.formType,
    issuerCik: check.issuerCik ?? f.issuerCik,
    acceptedAt: check.acceptedAt ?? f.acceptedAt,
    sourceUrl: url,
    fetchedAt: new Date().toISOString(),
    source: f.source,
    body,
  };
  await ctx.producer.send(ctx.rawTopic, [
    { key: raw.accessionNumber, value: body, headers: rawFilingHeaders(raw) },
  ]);
  const produced = await ledger.complete(f.accessionNumber, raw);
  if (produced > 1) {
    report.duplicates++;
    metrics.duplicates.inc();
    log.info('filing produced again (crash or lost lease before it was marked done)', {
      producedCount: produced,
    });
  }
  return 'produced';
}

/**
 * Extends the lease on a filing being fetched. A failure (Postgres unreachable) or a lease found
 * lost (it ran out and another crawler took it) is logged and counted: another crawler may then
 * fetch and produce the filing too, which downstream stages absorb, but the cause needs a look.
 */
export async function renewLease(
  ctx: CrawlerContext,
  accession: string,
  leaseSeconds: number,
): Promise<void> {
  const log = ctx.logger.child({ accession });
  try {
    if (!(await ctx.ledger.renew(accession, ctx.worker, leaseSeconds))) {
      ctx.metrics.leaseRenewalFailures.inc();
      log.warn('filing lease lost before it could be renewed; another crawler may fetch it too');
    }
  } catch (err) {
    ctx.metrics.leaseRenewalFailures.inc();
    log.warn('filing lease renewal failed', { err });
  }
}

/** Runs until no claimable filing is left (for this job), or the signal aborts. */
export async function drainQueue(ctx: CrawlerContext, o: DrainOptions = {}): Promise<DrainReport> {
  const report: DrainReport = { produced: 0, skipped: 0, failed: 0, retried: 0, duplicates: 0 };
  const loop = async (): Promise<void> => {
    while (!o.signal?.aborted) {
      const [f] = await ctx.ledger.claim(ctx.worker, {
        limit: 1,
        leaseSeconds: ctx.config.crawlLeaseSeconds,
        jobId: o.jobId,
      });
      if (!f) {
        return;
      }
      let outcome: FilingOutcome;
      // Keep the lease while retries or a breaker pause take longer than it lasts.
      const leaseSeconds = ctx.config.crawlLeaseSeconds;
      const renewal = setInterval(
        () => void renewLease(ctx, f.accessionNumber, leaseSeconds),
        (leaseSeconds * 1000) / 3,
      );
      try {
        outcome = await processFiling(ctx, f, o, report);
      } catch (err) {
        // Interrupted, or Kafka/Postgres failed: hand the filing back and let the caller see the error.
        await ctx.ledger.retryLater(f.accessionNumber, ctx.worker, 'interrupted', 0).catch(() => undefined);
        if (o.signal?.aborted) {
          return;
        }
        throw err;
      } finally {
        clearInterval(renewal);
      }
      if (outcome === 'produced') {
        report.produced++;
      } else if (outcome === 'skipped' || outcome === 'not_issuer') {
        report.skipped++;
      } else if (outcome === 'failed') {
        report.failed++;
      }
      ctx.metrics.fetched.inc({ outcome });
      o.onFiling?.(outcome);
    }
  };
  const results = await Promise.allSettled(Array.from({ length: ctx.config.crawlConcurrency }, loop));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    throw failure.reason;
  }
  return report;
}
