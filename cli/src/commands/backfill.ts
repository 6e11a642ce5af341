import { UsageError } from '../../../pipeline/src/shared/errors';
import { padCik } from '../../../pipeline/src/stages/crawler/accession';
import { runBackfill } from '../../../pipeline/src/stages/crawler/backfill-job';
import type { BackfillSpec } from '../../../pipeline/src/stages/crawler/backfill-job';
import type { CrawlerContext } from '../../../pipeline/src/stages/crawler/crawler-context';
import { parseFormsOption } from '../../../pipeline/src/stages/crawler/forms';
import { isIsoDate } from '../../../pipeline/src/stages/crawler/index-calendar';
import { formatProgress } from '../../../pipeline/src/shared/progress';
import { cikForTicker, refreshTickerMap } from '../../../pipeline/src/stages/crawler/ticker-map';
import { parseCommandArgs } from '../args';
import { withCrawlerSession } from '../crawler-session';
import type { Command, CommandContext } from '../command';
import { backfillDatasets, quartersOption } from './backfill-datasets';
import { datasetSourcedFilings } from '../../../pipeline/src/stages/datasets/upgrade-list';

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  ticker: { type: 'string' },
  cik: { type: 'string' },
  forms: { type: 'string' },
  datasets: { type: 'string' },
  'datasets-dir': { type: 'string' },
  'upgrade-from-xml': { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

function specFrom(
  values: Values,
  defaultForms: string[],
): BackfillSpec | { ticker: string; forms: string[] } {
  let forms: string[];
  try {
    forms = values.forms === undefined ? defaultForms : parseFormsOption(values.forms);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const byRange = values.from !== undefined || values.to !== undefined;
  const byCompany = values.ticker !== undefined || values.cik !== undefined;
  if (byRange === byCompany || (values.ticker !== undefined && values.cik !== undefined)) {
    throw new UsageError('give either --from and --to, or one of --ticker / --cik');
  }
  if (byRange) {
    const { from, to } = values;
    if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) {
      throw new UsageError('--from and --to must be dates like 2024-01-31');
    }
    if (from > to) {
      throw new UsageError(`--from ${from} is after --to ${to}`);
    }
    return { kind: 'range', from, to, forms };
  }
  if (values.cik !== undefined) {
    const cik = padCik(values.cik);
    if (!cik) {
      throw new UsageError(`--cik must be up to 10 digits, got "${values.cik}"`);
    }
    return { kind: 'company', cik, forms };
  }
  return { ticker: values.ticker!.trim().toUpperCase(), forms };
}

/** Redraws one line on a terminal; elsewhere (logs, CI) prints a line every 10 seconds. */
function progressPrinter(ctx: CommandContext) {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  return (line: string, force = false) => {
    const now = Date.now();
    if (tty) {
      if (force || now - last >= 200) {
        process.stderr.write(`\r\x1b[2K${line}`);
      }
    } else if (force || now - last >= 10_000) {
      ctx.stderr(line);
    } else {
      return;
    }
    last = now;
  };
}

async function resolveTicker(
  crawler: CrawlerContext,
  pool: Parameters<typeof cikForTicker>[0],
  ticker: string,
): Promise<string> {
  const known = await cikForTicker(pool, ticker);
  if (known) {
    return known;
  }
  await refreshTickerMap(crawler, pool, new Date());
  const cik = await cikForTicker(pool, ticker);
  if (!cik) {
    throw new UsageError(`unknown ticker ${ticker} (not in company_tickers.json)`);
  }
  return cik;
}

export const backfillCommand: Command = {
  name: 'backfill',
  summary: 'Fetch past filings: a date range (daily/full indexes) or one company history',
  help: `Usage: sec-tracker backfill --from 2024-01-01 --to 2024-03-31 [--forms 3,4,5]
       sec-tracker backfill --ticker AAPL | --cik 320193 [--forms 3,4,5]
       sec-tracker backfill --datasets 2006q1..2025q3 | 2024q4,2025q1 [--datasets-dir DIR]
       sec-tracker backfill --upgrade-from-xml

Lists the filings (quarterly full indexes for a date range; the submissions JSON and its older
pages for a company, keeping filings where that company is the issuer), then fetches each one's
full submission into edgar.filings.raw, showing progress (done/total, rate, ETA) on stderr.
Forms default to CRAWL_FORMS; each form includes its amendments (4 → 4 and 4/A).

Resumable: Ctrl-C (or a crash) keeps what is done; run the same command again to continue.
Several processes running the same command share the work. Requests go through the same shared
rate limit (SEC_RATE_LIMIT) as the live crawler; SEC_USER_AGENT is required.

--datasets reads the SEC's quarterly Insider Transactions Data Sets (<quarter>_form345.zip, from
2006q1) instead: one download per quarter from EDGAR (same User-Agent, rate and 403 breaker), or
the zips in --datasets-dir. Each zip is streamed, never unpacked, joined per accession and produced
as parsed filings and rows (provenance dataset:<quarter>, numbers rounded to 2 decimals, rows
flagged "rounded"). Finished quarters are remembered and skipped on the next run; a quarter that
fails (no zip, corrupt, missing table, unknown column) is reported and the others go on. When the
XML of such a filing is fetched later (live crawler, --ticker, --cik, a date range), it replaces
the dataset version in place. --upgrade-from-xml fetches the XML of every filing still loaded
from a data set, at the crawler's pace (resumable like any backfill).`,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, OPTIONS);
    if (values['datasets-dir'] !== undefined && values.datasets === undefined) {
      throw new UsageError('--datasets-dir needs --datasets <quarters>');
    }
    if (values.datasets !== undefined) {
      const others = (['from', 'to', 'ticker', 'cik', 'forms'] as const).filter(
        (k) => values[k] !== undefined,
      );
      if (others.length > 0) {
        throw new UsageError(`--datasets cannot be combined with --${others.join(', --')}`);
      }
      return backfillDatasets(
        ctx,
        quartersOption(values.datasets),
        values['datasets-dir'],
        progressPrinter(ctx),
      );
    }
    const config = ctx.config();
    const upgrade = values['upgrade-from-xml'] === true;
    if (upgrade && (['from', 'to', 'ticker', 'cik', 'forms'] as const).some((k) => values[k] !== undefined)) {
      throw new UsageError('--upgrade-from-xml takes no other option');
    }
    const wanted = upgrade ? null : specFrom(values, [...config.crawlForms]);
    return withCrawlerSession(ctx, 'backfill', async ({ crawler, pool, signal }) => {
      const spec: BackfillSpec =
        wanted === null
          ? { kind: 'upgrade', filings: await datasetSourcedFilings(pool) }
          : 'kind' in wanted
            ? wanted
            : {
                kind: 'company',
                cik: await resolveTicker(crawler, pool, wanted.ticker),
                forms: wanted.forms,
              };
      const started = Date.now();
      let doneAtStart: number | undefined;
      const print = progressPrinter(ctx);
      const report = await runBackfill(crawler, spec, {
        signal,
        onProgress: (p) => {
          const done = p.done + p.skipped + p.failed;
          doneAtStart ??= done;
          const line = formatProgress({
            done,
            total: p.total,
            doneAtStart,
            elapsedMs: Date.now() - started,
            failed: p.skipped + p.failed,
          });
          print(line);
        },
      });
      const p = report.progress;
      const finished = p.done + p.skipped + p.failed;
      print(
        formatProgress({
          done: finished,
          total: p.total,
          doneAtStart: doneAtStart ?? 0,
          elapsedMs: Date.now() - started,
        }),
        true,
      );
      if (process.stderr.isTTY) {
        process.stderr.write('\n');
      }
      ctx.stdout(
        `${report.interrupted ? 'interrupted' : 'done'}: job ${report.jobId}${report.resumed ? ' (resumed)' : ''}: ` +
          `${p.done} produced or already done, ${p.skipped} skipped, ${p.failed} failed, ${p.total - finished} left` +
          (report.duplicates > 0 ? `, ${report.duplicates} produced twice` : ''),
      );
      if (report.interrupted) {
        ctx.stdout('Run the same command again to resume.');
        return 130;
      }
      return p.failed > 0 ? 1 : 0;
    });
  },
};
