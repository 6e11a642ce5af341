/**
 * Reconciliation: once a business day's daily index is published (after about 22:00 Eastern),
 * read it and add to the ledger every wanted filing the live feed did not deliver. The cursor is
 * the last reconciled day. A day with no index while a later day has one was a holiday; the newest
 * day without one is simply not published yet and is tried again on the next run.
 */
import type { CrawlerContext } from './crawler-context';
import { groupIndexRows, parseIndexFile } from './daily-index';
import type { IndexFiling } from './daily-index';
import { EdgarError } from './edgar-client';
import type { CrawlSource, DiscoveredFiling } from './filing-ledger';
import { isWantedForm } from './forms';
import {
  addDays,
  dailyIndexPath,
  latestPublishedDay,
  weekdaysBefore,
  weekdaysBetween,
} from './index-calendar';

export interface ReconciledDay {
  date: string;
  status: 'reconciled' | 'no_index' | 'not_published';
  filings: number;
  /** Filings the ledger did not know: what the feed missed. */
  found: number;
  badLines: number;
}

const CURSOR = 'reconcile';

export function indexFilingToDiscovered(f: IndexFiling, source: CrawlSource): DiscoveredFiling {
  return {
    accessionNumber: f.accessionNumber,
    formType: f.formType,
    archiveCik: f.ciks[0]!,
    issuerCik: null,
    acceptedAt: null,
    filedDate: f.dateFiled,
    source,
  };
}

/** Reads one index file and records its wanted filings; shared with the date-range backfill. */
export async function discoverFromIndex(
  ctx: CrawlerContext,
  url: string,
  o: {
    source: CrawlSource;
    indexDate?: string;
    from?: string;
    to?: string;
    forms: readonly string[];
    jobId?: string;
  },
  signal?: AbortSignal,
): Promise<{ filings: number; found: number; badLines: number }> {
  const body = (await ctx.client.get(url, { signal })).body.toString('latin1');
  const { rows, problems } = parseIndexFile(body, { indexDate: o.indexDate });
  for (const p of problems) {
    ctx.metrics.badInput.inc({
      source: o.source,
      reason: p.reason.startsWith('dated') ? p.reason : 'index_line',
    });
  }
  if (problems.length > 0) {
    ctx.logger.warn('index lines not read as filings', {
      url,
      count: problems.length,
      first: problems.slice(0, 5).map((p) => `line ${p.line}: ${p.reason}: ${p.text.slice(0, 160)}`),
    });
  }
  const inRange = rows.filter(
    (r) =>
      isWantedForm(r.formType, o.forms) &&
      (!o.from || r.dateFiled >= o.from) &&
      (!o.to || r.dateFiled <= o.to),
  );
  const { filings, paper } = groupIndexRows(inRange);
  if (paper.length > 0) {
    ctx.metrics.badInput.inc({ source: o.source, reason: 'paper_filing' }, paper.length);
    ctx.logger.info('paper filings in index have no document to fetch', {
      url,
      accessions: paper.map((p) => p.accessionNumber),
    });
  }
  const found = await ctx.ledger.discover(
    filings.map((f) => indexFilingToDiscovered(f, o.source)),
    o.jobId,
  );
  ctx.metrics.discovered.inc({ source: o.source }, found.length);
  return { filings: filings.length, found: found.length, badLines: problems.length };
}

export async function reconcileDailyIndexes(
  ctx: CrawlerContext,
  now: Date,
  signal?: AbortSignal,
): Promise<ReconciledDay[]> {
  const { config, logger } = ctx;
  const latest = latestPublishedDay(now, config.reconcileAfterHourEt);
  const cursor = await ctx.state.getCursor<{ lastDay: string }>(CURSOR);
  const first = cursor
    ? addDays(cursor.lastDay, 1)
    : weekdaysBefore(latest, config.reconcileLookbackDays - 1);
  const out: ReconciledDay[] = [];
  for (const date of weekdaysBetween(first, latest)) {
    signal?.throwIfAborted();
    const url = config.edgarBaseUrl + dailyIndexPath('form', date);
    try {
      const r = await discoverFromIndex(
        ctx,
        url,
        { source: 'reconcile', indexDate: date, forms: config.crawlForms },
        signal,
      );
      ctx.metrics.reconcileFound.inc(r.found);
      logger.info('reconciled daily index', {
        date,
        filings: r.filings,
        missedByFeed: r.found,
        badLines: r.badLines,
      });
      out.push({ date, status: 'reconciled', ...r });
    } catch (err) {
      if (!(err instanceof EdgarError) || err.kind !== 'not_found') {
        throw err;
      }
      if (date === latest) {
        out.push({ date, status: 'not_published', filings: 0, found: 0, badLines: 0 });
        logger.info('daily index not published yet', { date, url });
        break;
      }
      logger.info('no daily index for a past weekday (holiday?)', { date, url });
      out.push({ date, status: 'no_index', filings: 0, found: 0, badLines: 0 });
    }
    await ctx.state.setCursor(CURSOR, { lastDay: date });
  }
  return out;
}
