import { isDate } from '../../../pipeline/src/shared/calendar';
import { createAvroCodec } from '../../../pipeline/src/shared/avro/registry';
import { createPool } from '../../../pipeline/src/shared/db/pool';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { createKafka } from '../../../pipeline/src/shared/kafka/client';
import { createProducer } from '../../../pipeline/src/shared/kafka/producer';
import { formatProgress } from '../../../pipeline/src/shared/progress';
import { SCHEMAS_DIR } from '../../../pipeline/src/paths';
import { notableRules } from '../../../pipeline/src/runtime/analysis';
import { onDemandRequests, storedOutcomes } from '../../../pipeline/src/stages/analysis/on-demand';
import type { Selection, StoredOutcome } from '../../../pipeline/src/stages/analysis/on-demand';
import { TOPICS, topicName } from '../../../pipeline/src/topics';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';

const ACCESSION = /^\d{10}-\d{2}-\d{6}$/;
const TICKER = /^[A-Za-z0-9][A-Za-z0-9.-]{0,9}$/;
/** Without progress for this long, say what has to run for results to arrive. */
const HINT_AFTER_MS = 30_000;

function selection(values: { accession?: string[]; ticker?: string; since?: string }): Selection {
  const accessions = values.accession ?? [];
  if (accessions.length > 0) {
    if (values.ticker || values.since) {
      throw new UsageError('give either --accession or --ticker with --since, not both');
    }
    const bad = accessions.filter((a) => !ACCESSION.test(a));
    if (bad.length > 0) {
      throw new UsageError(`not an accession number (0001234567-26-000123): ${bad.join(', ')}`);
    }
    return { accessions };
  }
  if (!values.ticker || !values.since) {
    throw new UsageError('give --accession A, or --ticker T with --since YYYY-MM-DD (see --help)');
  }
  if (!TICKER.test(values.ticker)) {
    throw new UsageError(`not a ticker symbol: "${values.ticker}"`);
  }
  if (!isDate(values.since)) {
    throw new UsageError(`--since must be a date YYYY-MM-DD, got "${values.since}"`);
  }
  return { ticker: values.ticker.toUpperCase(), since: values.since };
}

function line(o: StoredOutcome): string {
  const what = o.status === 'succeeded' ? `${o.sentiment}: ${o.summary}` : `${o.errorCode}: ${o.error}`;
  return `${o.subjectKind} ${o.subjectKey}  ${o.status}  [${o.model}]  ${what}`;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'Ask for AI analysis of loaded filings or a ticker’s recent activity, and show the results',
  help: `Usage: sec-tracker analyze --accession A [--accession B ...] [--force] [--no-wait]
       sec-tracker analyze --ticker T --since YYYY-MM-DD [--force] [--no-wait]

Enqueues analysis requests on edgar.analysis.requests, built from the loaded data exactly as the
analysis stage builds them from the stream (filing rows, footnotes, the insiders' history, recent
prices, cluster context):
  --accession   that filing, whether or not the notable-activity rules flag it (repeatable),
  --ticker T --since D   every Form 4/5 of T filed since D with an open-market trade, and the
                active cluster buys of T triggered since D.
Then shows progress until every result is stored in analysis_results, and prints one line per
subject: status, [model], sentiment and summary (or the failure and its reason). The analysis
stage and the loader must be running (npm start, or sec-tracker run analysis and run loader).
Identical content is answered from the content-hash cache at no cost.
  --force     ask the model even when the cache holds an answer for the same content
  --no-wait   exit once the requests are enqueued

Exit status: 0 when every analysis succeeded, 1 when any failed, 130 when interrupted.`,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, {
      accession: { type: 'string', multiple: true },
      ticker: { type: 'string' },
      since: { type: 'string' },
      force: { type: 'boolean' },
      'no-wait': { type: 'boolean' },
    });
    const chosen = selection(values);
    const config = ctx.config();
    const logger = ctx.logger();
    const pool = createPool(config, logger, 2);
    try {
      const requests = await onDemandRequests(pool, chosen, {
        rules: notableRules(config),
        force: !!values.force,
      });
      if (requests.length === 0) {
        ctx.stderr('nothing to analyse: no loaded filing with an open-market trade matches');
        return 0;
      }
      const topic = topicName(config.topicPrefix, 'analysisRequests');
      const avro = createAvroCodec(config.schemaRegistryUrl, SCHEMAS_DIR);
      await avro.register(topic, TOPICS.analysisRequests.valueSchema);
      const producer = await createProducer(createKafka(config, logger));
      try {
        const messages = [];
        for (const r of requests) {
          messages.push({ key: r.subjectKey, value: await avro.encode(topic, r) });
        }
        await producer.send(topic, messages);
      } finally {
        await producer.disconnect();
      }
      ctx.stderr(`enqueued ${requests.length} analysis request(s) on ${topic}`);
      if (values['no-wait']) {
        return 0;
      }
      const ids = requests.map((r) => r.requestId);
      let stopped = false;
      void ctx.shutdown.then(() => (stopped = true));
      const started = Date.now();
      let lastProgress = Date.now();
      let hinted = false;
      let stored: StoredOutcome[] = [];
      while (!stopped) {
        const now = await storedOutcomes(pool, ids);
        lastProgress = now.length > stored.length ? Date.now() : lastProgress;
        stored = now;
        ctx.stderr(
          formatProgress({
            done: stored.length,
            total: ids.length,
            doneAtStart: 0,
            elapsedMs: Date.now() - started,
          }),
        );
        if (stored.length >= ids.length) {
          break;
        }
        if (!hinted && Date.now() - lastProgress > HINT_AFTER_MS) {
          hinted = true;
          ctx.stderr(
            'no results yet: is the analysis stage running with the loader (npm start, or sec-tracker run analysis)?',
          );
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
      for (const o of stored) {
        ctx.stdout(line(o));
      }
      if (stopped) {
        return 130;
      }
      return stored.every((o) => o.status === 'succeeded') ? 0 : 1;
    } finally {
      await pool.end();
    }
  },
};
