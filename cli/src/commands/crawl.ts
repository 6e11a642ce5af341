import { drainQueue } from '../../../pipeline/src/stages/crawler/fetch-worker';
import { pollLiveFeed } from '../../../pipeline/src/stages/crawler/live-poll';
import { reconcileDailyIndexes } from '../../../pipeline/src/stages/crawler/reconcile';
import { refreshTickerMap } from '../../../pipeline/src/stages/crawler/ticker-map';
import { parseCommandArgs } from '../args';
import { withCrawlerSession } from '../crawler-session';
import type { Command } from '../command';

export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'One crawl now: live feed (and optionally daily indexes, tickers), then exit',
  help: `Usage: sec-tracker crawl [--reconcile] [--tickers] [--no-feed]

Does once what the crawler stage does on its schedules, then exits:
  (default)     reads the getcurrent feed down to the last filing seen before,
  --reconcile   reads the daily indexes published since the last reconciliation,
  --tickers     refreshes company_tickers.json into Postgres (ticker_map),
  --no-feed     skips the feed (e.g. with --reconcile only),
and fetches every filing that is waiting into edgar.filings.raw. Prints a JSON report.
Shares the ledger, cursors and rate limit with running crawlers; SEC_USER_AGENT is required.`,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      reconcile: { type: 'boolean' },
      tickers: { type: 'boolean' },
      'no-feed': { type: 'boolean' },
    });
    return withCrawlerSession(ctx, 'crawl', async ({ crawler, pool, signal }) => {
      const report: Record<string, unknown> = {};
      if (values.tickers) {
        report.tickers = await refreshTickerMap(crawler, pool, new Date(), signal);
      }
      if (!values['no-feed']) {
        report.feed = await pollLiveFeed(crawler, 'live', signal);
      }
      if (values.reconcile) {
        report.reconcile = await reconcileDailyIndexes(crawler, new Date(), signal);
      }
      report.fetched = await drainQueue(crawler, { signal: signal });
      await crawler.ledger.releaseAll(crawler.worker);
      ctx.stdout(JSON.stringify(report, null, 2));
      return signal.aborted ? 130 : 0;
    });
  },
};
