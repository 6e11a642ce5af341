/**
 * Jest setup file (every test file): loggers that were not given a writer send their lines to the
 * environment's log sink (log-environment.ts) instead of stderr.
 */
import { setDefaultLogWriter } from '../../pipeline/src/shared/logger';

const sink = (globalThis as Record<string, unknown>).__SEC_TRACKER_TEST_LOG__;
if (typeof sink === 'function') {
  setDefaultLogWriter(sink as (line: string) => void);
}
