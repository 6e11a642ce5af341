import type { AvroCodec } from '../../shared/avro/registry';
import { SchemaValidationError } from '../../shared/avro/registry';
import type { DeadLetterSink } from '../../shared/dead-letter';
import type { InBatch } from '../../shared/kafka/consumer';
import type { OutMessage, Producer } from '../../shared/kafka/producer';
import type { Logger } from '../../shared/logger';
import type { Metrics } from '../../shared/metrics/metrics';
import { issuerPartition } from '../../records/issuer-partition';
import { RAW_HEADERS } from '../../records/raw-filing';
import type { OwnershipFiling } from './model';
import { parseFiling } from './parse-filing';
import { parserMetrics } from './parser-metrics';
import { toFilingRecord, toRowRecords } from './to-avro';

export interface ParserStageDeps {
  avro: AvroCodec;
  producer: Producer;
  deadLetters: DeadLetterSink;
  logger: Logger;
  metrics: Metrics;
  topics: { filings: string; rows: string };
  /** Partition counts of the output topics (see issuerPartition). */
  partitions: { filings: number; rows: number };
}

/**
 * The parser stage's batch handler: raw filing bytes in, normalized Avro filings and rows out.
 * A filing that cannot be parsed goes to the dead-letter topic with its reason and the batch
 * goes on; only infrastructure failures (broker, registry) throw, which retries the batch.
 */
export function createParserHandler(deps: ParserStageDeps): (batch: InBatch) => Promise<void> {
  const m = parserMetrics(deps.metrics);
  const parsed = m.filings;
  return async (batch) => {
    const filings: OutMessage[] = [];
    const rows: OutMessage[] = [];
    for (const message of batch.messages) {
      // A bare XML document has no SGML header: the crawler's record headers say what it is.
      const endParse = m.parseSeconds.startTimer();
      const outcome = parseFiling(message.value ?? Buffer.alloc(0), {
        source: message.headers['source-url'] ?? message.key ?? undefined,
        accessionNumber: message.headers.accession ?? message.key ?? undefined,
        acceptedAt: message.headers['accepted-at'],
      });
      endParse();
      if (!outcome.ok) {
        parsed.inc({ outcome: 'dead-letter', code: outcome.error.code });
        deps.logger.warn('filing sent to dead-letter topic', {
          key: message.key,
          partition: message.partition,
          offset: message.offset,
          code: outcome.error.code,
          reason: outcome.error.message,
        });
        await deps.deadLetters.send(message, outcome.error);
        continue;
      }
      const filing = outcome.filing;
      const key = filing.accessionNumber;
      const headers = {
        accession: key ?? '',
        'raw-offset': `${message.partition}:${message.offset}`,
        // Which crawler source found the filing (live, backfill…): the loader's end-to-end metric is by source.
        'crawl-source': message.headers[RAW_HEADERS.source] ?? 'unknown',
      };
      let encoded: { filing: OutMessage; rows: OutMessage[] };
      try {
        encoded = await encodeFiling(deps, filing, key, headers);
      } catch (err) {
        // A parsed filing the schema refuses is a bad record, not an outage: dead-letter it.
        if (!(err instanceof SchemaValidationError)) {
          throw err;
        }
        parsed.inc({ outcome: 'dead-letter', code: err.code });
        await deps.deadLetters.send(message, { code: err.code, message: err.message });
        continue;
      }
      filings.push(encoded.filing);
      rows.push(...encoded.rows);
      parsed.inc({ outcome: 'parsed', code: '' });
    }
    // Rows before filings: a consumer that sees a filing can rely on its rows having been produced.
    await deps.producer.send(deps.topics.rows, rows);
    await deps.producer.send(deps.topics.filings, filings);
    m.rows.inc(rows.length);
  };
}

async function encodeFiling(
  deps: ParserStageDeps,
  filing: OwnershipFiling,
  key: string | null,
  headers: Record<string, string>,
): Promise<{ filing: OutMessage; rows: OutMessage[] }> {
  const rowPartition = issuerPartition(filing.issuer.cik, deps.partitions.rows);
  const rows: OutMessage[] = [];
  for (const row of toRowRecords(filing)) {
    rows.push({
      key: `${key}#${row.position}`,
      value: await deps.avro.encode(deps.topics.rows, row),
      headers,
      partition: rowPartition,
    });
  }
  return {
    filing: {
      key,
      value: await deps.avro.encode(deps.topics.filings, toFilingRecord(filing)),
      headers,
      partition: issuerPartition(filing.issuer.cik, deps.partitions.filings),
    },
    rows,
  };
}
