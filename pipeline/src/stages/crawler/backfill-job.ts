/**
 * Backfills: a date range over the quarterly full indexes, or one company's history over its
 * submissions JSON. A job's id comes from its arguments, so running the same command again
 * resumes it: discovery is skipped for quarters (or the company) already listed, and only the
 * job's filings not yet done are fetched. Filings already produced by any source count as done.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { padCik } from './accession';
import type { CrawlerContext } from './crawler-context';
import { EdgarError } from './edgar-client';
import { drainQueue } from './fetch-worker';
import type { DrainReport, FilingOutcome } from './fetch-worker';
import type { DiscoveredFiling, JobProgress } from './filing-ledger';
import { isWantedForm } from './forms';
import { fullIndexPath, quartersBetween } from './index-calendar';
import { discoverFromIndex } from './reconcile';
import { columnarRows, parseSubmissionsJson } from './submissions-json';
import type { SubmissionRow } from './submissions-json';

export type BackfillSpec =
  | { kind: 'range'; from: string; to: string; forms: string[] }
  | { kind: 'company'; cik: string; forms: string[] }
  /** `--upgrade-from-xml`: the filings loaded from a data set, whose XML replaces them. */
  | { kind: 'upgrade'; filings: DiscoveredFiling[] };

export function backfillJobId(spec: BackfillSpec): string {
  if (spec.kind === 'upgrade') {
    // Same list, same job (resumable); once some are upgraded the list, and so the job, changes.
    const accessions = spec.filings.map((f) => f.accessionNumber).sort();
    return `upgrade:${accessions.length}:${createHash('sha1').update(accessions.join(',')).digest('hex').slice(0, 12)}`;
  }
  const forms = [...spec.forms].sort().join(',');
  return spec.kind === 'range' ? `range:${spec.from}:${spec.to}:${forms}` : `company:${spec.cik}:${forms}`;
}

export interface BackfillReport extends DrainReport {
  jobId: string;
  resumed: boolean;
  progress: JobProgress;
  interrupted: boolean;
}

async function discoverRange(
  ctx: CrawlerContext,
  jobId: string,
  spec: Extract<BackfillSpec, { kind: 'range' }>,
  signal?: AbortSignal,
) {
  const cursorKey = `job:${jobId}`;
  const done = new Set((await ctx.state.getCursor<{ quarters: string[] }>(cursorKey))?.quarters ?? []);
  for (const { year, quarter } of quartersBetween(spec.from, spec.to)) {
    const label = `${year}Q${quarter}`;
    if (done.has(label)) {
      continue;
    }
    const url = ctx.config.edgarBaseUrl + fullIndexPath(year, quarter);
    try {
      const r = await discoverFromIndex(
        ctx,
        url,
        { source: 'backfill', from: spec.from, to: spec.to, forms: spec.forms, jobId },
        signal,
      );
      ctx.logger.info('backfill quarter listed', {
        quarter: label,
        filings: r.filings,
        new: r.found,
        badLines: r.badLines,
      });
    } catch (err) {
      if (!(err instanceof EdgarError) || err.kind !== 'not_found') {
        throw err;
      }
      ctx.metrics.badInput.inc({ source: 'backfill', reason: 'no_full_index' });
      ctx.logger.warn('no full index for this quarter: nothing to backfill there', { quarter: label, url });
    }
    done.add(label);
    await ctx.state.setCursor(cursorKey, { quarters: [...done] });
  }
}

async function discoverCompany(
  ctx: CrawlerContext,
  jobId: string,
  spec: Extract<BackfillSpec, { kind: 'company' }>,
  signal?: AbortSignal,
) {
  const base = `${ctx.config.edgarDataBaseUrl}/submissions/`;
  const main = parseSubmissionsJson(
    JSON.parse((await ctx.client.get(`${base}CIK${spec.cik}.json`, { signal })).body.toString('utf8')),
  );
  const rows: SubmissionRow[] = [...main.recent];
  const problems = [...main.problems];
  for (const page of main.olderPages) {
    const older = columnarRows(
      JSON.parse((await ctx.client.get(base + page, { signal })).body.toString('utf8')),
    );
    rows.push(...older.rows);
    problems.push(...older.problems.map((p) => `${page}: ${p}`));
  }
  if (problems.length > 0) {
    ctx.metrics.badInput.inc({ source: 'company', reason: 'submissions_row' }, problems.length);
    ctx.logger.warn('submissions rows not read', {
      cik: spec.cik,
      count: problems.length,
      first: problems.slice(0, 5),
    });
  }
  const wanted = rows.filter((r) => isWantedForm(r.form, spec.forms));
  const found = await ctx.ledger.discover(
    wanted.map((r) => ({
      accessionNumber: r.accessionNumber,
      formType: r.form,
      archiveCik: spec.cik,
      issuerCik: null,
      acceptedAt: r.acceptedAt,
      filedDate: /^\d{4}-\d{2}-\d{2}$/.test(r.filingDate) ? r.filingDate : null,
      source: 'company' as const,
    })),
    jobId,
  );
  ctx.metrics.discovered.inc({ source: 'company' }, found.length);
  ctx.logger.info('company history listed', {
    cik: spec.cik,
    name: main.name,
    filings: wanted.length,
    pages: 1 + main.olderPages.length,
  });
}

export interface BackfillOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress, outcome: FilingOutcome | null) => void;
}

export async function runBackfill(
  ctx: CrawlerContext,
  spec: BackfillSpec,
  o: BackfillOptions = {},
): Promise<BackfillReport> {
  if (spec.kind === 'company' && !padCik(spec.cik)) {
    throw new Error(`not a CIK: ${spec.cik}`);
  }
  const jobId = backfillJobId(spec);
  const job = await ctx.state.openJob(jobId, JSON.stringify(spec));
  const totals: DrainReport = { produced: 0, skipped: 0, failed: 0, retried: 0, duplicates: 0 };
  const finish = async (interrupted: boolean): Promise<BackfillReport> => ({
    jobId,
    resumed: job.resumed,
    progress: await ctx.ledger.jobProgress(jobId),
    interrupted,
    ...totals,
  });
  try {
    if (!job.discovered) {
      if (spec.kind === 'range') {
        await discoverRange(ctx, jobId, spec, o.signal);
      } else if (spec.kind === 'upgrade') {
        await ctx.ledger.discover(spec.filings, jobId);
      } else {
        await discoverCompany(ctx, jobId, spec, o.signal);
      }
      await ctx.state.markJobDiscovered(jobId);
    }
    let progress = await ctx.ledger.jobProgress(jobId);
    o.onProgress?.(progress, null);
    let counted = 0;
    while (!o.signal?.aborted) {
      const r = await drainQueue(ctx, {
        jobId,
        issuerCik: spec.kind === 'company' ? spec.cik : undefined,
        signal: o.signal,
        onFiling: (outcome) => {
          // Refresh the totals from Postgres every few filings: other processes may share the job.
          if (++counted % 5 === 0 || outcome !== 'produced') {
            void ctx.ledger.jobProgress(jobId).then(
              (p) => o.onProgress?.((progress = p), outcome),
              () => undefined,
            );
          } else {
            progress = { ...progress, done: progress.done + 1 };
            o.onProgress?.(progress, outcome);
          }
        },
      });
      for (const k of Object.keys(totals) as (keyof DrainReport)[]) {
        totals[k] += r[k];
      }
      progress = await ctx.ledger.jobProgress(jobId);
      o.onProgress?.(progress, null);
      if (progress.done + progress.skipped + progress.failed >= progress.total) {
        break;
      }
      // What is left waits for a retry time or another process's lease: look again shortly.
      await sleep(1000, undefined, { signal: o.signal }).catch(() => undefined);
    }
  } catch (err) {
    if (!o.signal?.aborted) {
      throw err;
    }
  } finally {
    await ctx.ledger.releaseAll(ctx.worker);
  }
  if (o.signal?.aborted) {
    return finish(true);
  }
  await ctx.state.markJobFinished(jobId);
  return finish(false);
}
