import { PipelineError } from '../../shared/errors';

/**
 * Why a whole quarter cannot be read. None is retriable by waiting: the same bytes fail the same
 * way (a download that was cut short is fetched again on the next run, since the quarter is not
 * marked done).
 *
 * | code            | meaning                                                                 |
 * |-----------------|-------------------------------------------------------------------------|
 * | CORRUPT_ZIP     | not a zip, a truncated zip, or an entry that does not inflate            |
 * | MISSING_TABLE   | one of the eight tables is not in the zip                               |
 * | UNKNOWN_COLUMN  | a table has a column we do not know (it may carry data we would drop)    |
 * | MISSING_COLUMN  | a table lacks a column it cannot be read without                         |
 * | BAD_QUARTER     | a quarter name that is not `<year>q<1-4>` from 2006q1                    |
 * | NO_ZIP          | EDGAR has no zip for the quarter (not published yet), or not in the dir  |
 * | DOWNLOAD_FAILED | EDGAR did not answer after the client's retries (network, 5xx, throttle) |
 */
export type DatasetErrorCode =
  | 'CORRUPT_ZIP'
  | 'MISSING_TABLE'
  | 'UNKNOWN_COLUMN'
  | 'MISSING_COLUMN'
  | 'BAD_QUARTER'
  | 'NO_ZIP'
  | 'DOWNLOAD_FAILED';

export class DatasetError extends PipelineError {
  constructor(
    readonly datasetCode: DatasetErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, datasetCode, false, options);
  }
}
