/**
 * Reads the tables of a data-set zip without unpacking it to disk: yauzl walks the central
 * directory and inflates each `.tsv` entry as a stream, which is split into lines as it arrives.
 * Other entries (the readme, FORM_345_metadata.json) are skipped. Everything the zip holds is read
 * before anything is produced, so a truncated or corrupt zip fails the quarter with nothing half
 * sent.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { DatasetError } from './dataset-error';
import { tableLineCollector } from './table-lines';
import type { TableLines } from './table-lines';
import { DATASET_TABLES, tableOfEntry } from './tables';
import type { DatasetTable } from './tables';

export type ZipSource = { path: string } | { buffer: Buffer };
export type QuarterTables = Record<DatasetTable, TableLines>;

const OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: true, validateEntrySizes: true };

function openZip(source: ZipSource): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) =>
      zip && !err ? resolve(zip) : reject(err ?? new Error('no zip file'));
    if ('path' in source) {
      yauzl.open(source.path, OPTIONS, done);
    } else {
      yauzl.fromBuffer(source.buffer, OPTIONS, done);
    }
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      stream && !err ? resolve(stream) : reject(err ?? new Error('no entry stream')),
    ),
  );
}

async function readLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') {
    onLine(rest);
  }
}

/** `label` names the quarter in errors (`2025q2`). */
export async function readZipTables(source: ZipSource, label: string): Promise<QuarterTables> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (err) {
    throw new DatasetError('CORRUPT_ZIP', `${label}: not a readable zip: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const tables: Partial<QuarterTables> = {};
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const table = tableOfEntry(entry.fileName);
        if (table === null) {
          zip.readEntry();
          return;
        }
        const collector = tableLineCollector(table);
        openEntry(zip, entry)
          .then((stream) => readLines(stream, (line) => collector.line(line)))
          .then(() => {
            tables[table] = collector.finish();
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    if (err instanceof DatasetError) {
      throw new DatasetError(err.datasetCode, `${label}: ${err.message}`, { cause: err });
    }
    throw new DatasetError(
      'CORRUPT_ZIP',
      `${label}: the zip is corrupt or truncated: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const missing = DATASET_TABLES.filter((t) => tables[t] === undefined);
  if (missing.length > 0) {
    throw new DatasetError('MISSING_TABLE', `${label}: table(s) ${missing.join(', ')} missing from the zip`);
  }
  return tables as QuarterTables;
}
