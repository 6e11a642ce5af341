/**
 * `sec-tracker backfill --datasets <quarters> [--datasets-dir DIR]`: history from the SEC's
 * quarterly Insider Transactions Data Sets (pipeline/src/stages/datasets). The progress line
 * shows quarters (bar), then filings, rows and dead letters produced by this run.
 */
import { SCHEMAS_DIR } from '../../../pipeline/src/paths';
import { createAvroCodec } from '../../../pipeline/src/shared/avro/registry';
import { createDeadLetterSink } from '../../../pipeline/src/shared/dead-letter';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { createMetrics } from '../../../pipeline/src/shared/metrics/metrics';
import { formatProgress } from '../../../pipeline/src/shared/progress';
import { runDatasetBackfill } from '../../../pipeline/src/stages/datasets/backfill-datasets';
import type { DatasetProgress } from '../../../pipeline/src/stages/datasets/backfill-datasets';
import { DatasetError } from '../../../pipeline/src/stages/datasets/dataset-error';
import { parseQuarterList } from '../../../pipeline/src/stages/datasets/quarters';
import { zipsFromEdgar, zipsInDir } from '../../../pipeline/src/stages/datasets/zip-sources';
import { TOPICS, topicName } from '../../../pipeline/src/topics';
import { withCrawlerSession } from '../crawler-session';
import type { CommandContext } from '../command';

export function quartersOption(spec: string): string[] {
  try {
    return parseQuarterList(spec);
  } catch (err) {
    throw new UsageError(err instanceof DatasetError ? `--datasets: ${err.message}` : String(err));
  }
}

export function datasetProgressLine(p: DatasetProgress, startedAt: number): string {
  const bar = formatProgress({
    done: p.quartersDone,
    total: p.quartersTotal,
    doneAtStart: 0,
    elapsedMs: Date.now() - startedAt,
    failed: p.quartersFailed,
  }).replace(/ {2}\S+\/s {2}ETA \S+/, '');
  const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
  return (
    `quarters ${bar}  filings ${p.filings}  rows ${p.rows}  dead letters ${p.deadLetters}` +
    `  ${(p.filings / seconds).toFixed(0)} filings/s${p.current ? `  [${p.current}]` : ''}`
  );
}

export async function backfillDatasets(
  ctx: CommandContext,
  quarters: string[],
  dir: string | undefined,
  print: (line: string, force?: boolean) => void,
): Promise<number> {
  const config = ctx.config();
  return withCrawlerSession(ctx, 'backfill', async ({ crawler, pool, signal }) => {
    const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
    const topics = {
      filings: topicName(config.topicPrefix, 'filingsParsed'),
      rows: topicName(config.topicPrefix, 'transactions'),
      dlq: topicName(config.topicPrefix, 'deadLetter'),
    };
    await avro.register(topics.filings, TOPICS.filingsParsed.valueSchema);
    await avro.register(topics.rows, TOPICS.transactions.valueSchema);
    await avro.register(topics.dlq, TOPICS.deadLetter.valueSchema);
    const started = Date.now();
    const report = await runDatasetBackfill(
      {
        avro,
        producer: crawler.producer,
        deadLetters: createDeadLetterSink({
          producer: crawler.producer,
          avro,
          topic: topics.dlq,
          stage: 'datasets',
          metrics: createMetrics({ process: 'backfill-datasets' }),
        }),
        topics,
        partitions: { filings: TOPICS.filingsParsed.partitions, rows: TOPICS.transactions.partitions },
        pool,
        logger: crawler.logger.child({ component: 'datasets' }),
        locate: dir ? zipsInDir(dir) : zipsFromEdgar(crawler.client, config.edgarBaseUrl),
      },
      quarters,
      { signal, onProgress: (p) => print(datasetProgressLine(p, started)) },
    );
    print(datasetProgressLine(report.progress, started), true);
    if (process.stderr.isTTY) {
      process.stderr.write('\n');
    }
    const p = report.progress;
    for (const f of report.failures) {
      ctx.stdout(`failed: ${f.quarter}: ${f.code}: ${f.message}`);
    }
    ctx.stdout(
      `${report.interrupted ? 'interrupted' : 'done'}: ${p.quartersDone}/${p.quartersTotal} quarters done` +
        (report.skipped.length > 0 ? ` (${report.skipped.length} already done earlier)` : '') +
        `, ${p.quartersFailed} failed; this run: ${p.filings} filings, ${p.rows} rows, ${p.deadLetters} dead letters`,
    );
    if (report.interrupted) {
      ctx.stdout('Run the same command again to resume (finished quarters are skipped).');
      return 130;
    }
    return p.quartersFailed > 0 ? 1 : 0;
  });
}
