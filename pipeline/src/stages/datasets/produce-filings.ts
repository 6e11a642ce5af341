/**
 * The data-set path's Kafka shell: normalized filings → the same Avro records on the same topics
 * as the parser stage (rows before their filing, keys `<accession>` and `<accession>#<position>`,
 * partitions by issuer), and a filing that cannot be read → the dead-letter topic with its reason
 * and its lines from every table, so nothing is dropped unseen.
 */
import { issuerPartition } from '../../records/issuer-partition';
import type { AvroCodec } from '../../shared/avro/registry';
import type { DeadLetterSink } from '../../shared/dead-letter';
import type { OutMessage, Producer } from '../../shared/kafka/producer';
import { toFilingRecord, toRowRecords } from '../parser/to-avro';
import type { DatasetOutcome } from './dataset-filing';
import type { QuarterTables } from './zip-tables';

export interface DatasetProducerDeps {
  avro: AvroCodec;
  producer: Producer;
  deadLetters: DeadLetterSink;
  topics: { filings: string; rows: string };
  partitions: { filings: number; rows: number };
}

export interface ProducedCounts {
  filings: number;
  rows: number;
  deadLetters: number;
}

/** The failed accession's lines, table by table: the dead letter's payload. */
function rawLines(tables: QuarterTables, accession: string): Buffer {
  const out: string[] = [];
  for (const t of Object.values(tables)) {
    for (const line of t.byAccession.get(accession) ?? []) {
      out.push(`${t.table}\t${line}`);
    }
  }
  return Buffer.from(out.join('\n'), 'utf8');
}

/** Produces one chunk of outcomes; resolves once the broker has every record. */
export async function produceOutcomes(
  deps: DatasetProducerDeps,
  quarter: string,
  tables: QuarterTables,
  outcomes: readonly DatasetOutcome[],
): Promise<ProducedCounts> {
  const filings: OutMessage[] = [];
  const rows: OutMessage[] = [];
  let deadLetters = 0;
  for (const o of outcomes) {
    if (!o.ok) {
      await deps.deadLetters.send(
        {
          topic: `dataset:${quarter}`,
          partition: -1,
          offset: '-1',
          key: o.accession,
          value: rawLines(tables, o.accession),
          headers: { quarter },
          timestamp: Date.now(),
        },
        o.error,
      );
      deadLetters++;
      continue;
    }
    const f = o.filing;
    const key = f.accessionNumber!;
    const headers = { accession: key, 'crawl-source': 'dataset', provenance: `dataset:${quarter}` };
    const rowPartition = issuerPartition(f.issuer.cik, deps.partitions.rows);
    for (const row of toRowRecords(f)) {
      rows.push({
        key: `${key}#${row.position}`,
        value: await deps.avro.encode(deps.topics.rows, row),
        headers,
        partition: rowPartition,
      });
    }
    filings.push({
      key,
      value: await deps.avro.encode(deps.topics.filings, toFilingRecord(f)),
      headers,
      partition: issuerPartition(f.issuer.cik, deps.partitions.filings),
    });
  }
  // Rows before filings, as the parser does: a consumer that sees a filing can rely on its rows.
  await deps.producer.send(deps.topics.rows, rows);
  await deps.producer.send(deps.topics.filings, filings);
  return { filings: filings.length, rows: rows.length, deadLetters };
}
