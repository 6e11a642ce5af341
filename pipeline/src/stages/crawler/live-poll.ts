/**
 * Discovery from EDGAR's getcurrent Atom feed, newest first, one `type=` per base form. Pages are
 * read until the page holding the last accession seen by the previous poll (its cursor), the end
 * of the feed, or the depth where EDGAR stops paging (an HTML error page). The whole page holding
 * the last-seen accession is recorded, because filings disseminated late can sort just below it;
 * the ledger drops what it already knows.
 */
import { mergeFeedEntries, parseFeedPage, stopIndex } from './atom-feed';
import type { LastSeen } from './atom-feed';
import type { CrawlerContext } from './crawler-context';
import { EdgarError } from './edgar-client';
import type { CrawlSource } from './filing-ledger';
import { feedTypes, isWantedForm } from './forms';

export interface FeedTypeReport {
  type: string;
  pages: number;
  entries: number;
  /** Filings added to the ledger by this poll. */
  discovered: number;
  /** Entries of other forms that EDGAR's prefix filter let through (e.g. 424B2 for type=4). */
  ignored: number;
  reachedLastSeen: boolean;
  depthLimitHit: boolean;
  error?: string;
}

const cursorKey = (type: string): string => `live:${type}`;

function feedUrl(base: string, type: string, start: number, count: number): string {
  const q = `action=getcurrent&type=${encodeURIComponent(type)}&company=&dateb=&owner=include&start=${start}&count=${count}&output=atom`;
  return `${base}/cgi-bin/browse-edgar?${q}`;
}

async function pollType(
  ctx: CrawlerContext,
  type: string,
  source: CrawlSource,
  signal?: AbortSignal,
): Promise<FeedTypeReport> {
  const { config, logger, metrics } = ctx;
  const report: FeedTypeReport = {
    type,
    pages: 0,
    entries: 0,
    discovered: 0,
    ignored: 0,
    reachedLastSeen: false,
    depthLimitHit: false,
  };
  const last = await ctx.state.getCursor<LastSeen>(cursorKey(type));
  const pageSize = config.crawlFeedPageSize;
  let newest: LastSeen | null = null;
  for (let start = 0; ; start += pageSize) {
    const url = feedUrl(config.edgarBaseUrl, type, start, pageSize);
    let body: string;
    try {
      // Deep pages fail for good once past EDGAR's limit: do not spend long retrying them.
      body = (await ctx.client.get(url, { signal, maxAttempts: start === 0 ? undefined : 2 })).body.toString(
        'latin1',
      );
    } catch (err) {
      if (signal?.aborted || !(err instanceof EdgarError)) {
        throw err;
      }
      if (start === 0) {
        report.error = err.message;
        metrics.badInput.inc({ source, reason: 'feed_unavailable' });
        logger.error('live feed unavailable', { url, reason: err.message });
        return report;
      }
      report.depthLimitHit = true;
      metrics.badInput.inc({ source, reason: 'feed_page_failed' });
      logger.warn('live feed paging failed', { url, reason: err.message });
      break;
    }
    const page = parseFeedPage(body);
    report.pages++;
    if (page.kind === 'error') {
      report.depthLimitHit = start > 0;
      metrics.badInput.inc({ source, reason: 'feed_html_error' });
      logger.warn('live feed answered an error page instead of Atom', { url, reason: page.reason });
      if (start === 0) {
        report.error = page.reason;
      }
      break;
    }
    for (const problem of page.problems) {
      metrics.badInput.inc({ source, reason: 'feed_entry' });
      logger.warn('unreadable feed entry', { url, reason: problem });
    }
    if (page.entries.length === 0) {
      break;
    }
    report.entries += page.entries.length;
    const first = page.entries[0]!;
    newest ??= { accessionNumber: first.accessionNumber, acceptedAt: first.acceptedAt };
    const filings = mergeFeedEntries(page.entries);
    const wanted = filings.filter((f) => isWantedForm(f.formType, config.crawlForms));
    report.ignored += filings.length - wanted.length;
    const added = await ctx.ledger.discover(
      wanted.map((f) => ({
        accessionNumber: f.accessionNumber,
        formType: f.formType,
        archiveCik: f.issuerCik ?? f.ciks[0]!,
        issuerCik: f.issuerCik,
        acceptedAt: f.acceptedAt,
        filedDate: null,
        source,
      })),
    );
    report.discovered += added.length;
    metrics.discovered.inc({ source }, added.length);
    if (stopIndex(page.entries, last) >= 0) {
      report.reachedLastSeen = true;
      break;
    }
    if (page.entries.length < pageSize) {
      break;
    }
  }
  if (last && !report.reachedLastSeen && report.depthLimitHit) {
    metrics.feedDepthReached.inc();
    logger.warn('feed paging limit reached before the last seen filing: reconciliation will fill the gap', {
      type,
      lastSeen: last.accessionNumber,
      pages: report.pages,
    });
  }
  // Only now that everything above is in the ledger may the cursor move.
  if (newest) {
    await ctx.state.setCursor(cursorKey(type), newest);
  }
  return report;
}

export async function pollLiveFeed(
  ctx: CrawlerContext,
  source: CrawlSource,
  signal?: AbortSignal,
): Promise<FeedTypeReport[]> {
  const reports: FeedTypeReport[] = [];
  for (const type of feedTypes(ctx.config.crawlForms)) {
    reports.push(await pollType(ctx, type, source, signal));
  }
  return reports;
}
