/**
 * Where a quarter's zip comes from: a folder of zips already on disk (`--datasets-dir`), or EDGAR
 * through the crawler's client, so the download shares the User-Agent, the shared request rate
 * and the 403 breaker with every other crawler. The zip is held in memory (tens of MB a quarter)
 * and never unpacked.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { EdgarError } from '../crawler/edgar-client';
import type { EdgarClient } from '../crawler/edgar-client';
import { DatasetError } from './dataset-error';
import { datasetFileName, datasetUrl } from './quarters';
import type { ZipSource } from './zip-tables';

export interface LocatedZip {
  zip: ZipSource;
  /** The path or URL, recorded as each filing's `source`. */
  location: string;
}

export type ZipLocator = (quarter: string, signal?: AbortSignal) => Promise<LocatedZip>;

export function zipsInDir(dir: string): ZipLocator {
  return async (quarter) => {
    const file = path.resolve(dir, datasetFileName(quarter));
    try {
      await access(file);
    } catch {
      throw new DatasetError('NO_ZIP', `${quarter}: ${file} does not exist`);
    }
    return { zip: { path: file }, location: file };
  };
}

export function zipsFromEdgar(client: EdgarClient, edgarBaseUrl: string): ZipLocator {
  return async (quarter, signal) => {
    const url = datasetUrl(edgarBaseUrl, quarter);
    try {
      const res = await client.get(url, { signal });
      return { zip: { buffer: res.body }, location: url };
    } catch (err) {
      signal?.throwIfAborted();
      if (err instanceof EdgarError && err.kind === 'not_found') {
        throw new DatasetError('NO_ZIP', `${quarter}: EDGAR has no data set at ${url} (not published yet?)`);
      }
      throw new DatasetError(
        'DOWNLOAD_FAILED',
        `${quarter}: download of ${url} failed: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  };
}
