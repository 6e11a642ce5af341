import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../pipeline/src/shared/logger';
import type { Logger } from '../../pipeline/src/shared/logger';

function tee(a: Logger, b: Logger): Logger {
  return {
    debug: (m, f) => (a.debug(m, f), b.debug(m, f)),
    info: (m, f) => (a.info(m, f), b.info(m, f)),
    warn: (m, f) => (a.warn(m, f), b.warn(m, f)),
    error: (m, f) => (a.error(m, f), b.error(m, f)),
    child: (fields) => tee(a.child(fields), b.child(fields)),
  };
}

/**
 * The caller's logger, plus every line (debug included) appended to logs/stack.log, so what
 * `stack up` did last week can still be read after the terminal is gone.
 */
export function createStackLogger(logger: Logger, stackLog: string): Logger {
  mkdirSync(path.dirname(stackLog), { recursive: true });
  const file = createLogger('debug', { component: 'stack', commandPid: process.pid }, (line) =>
    appendFileSync(stackLog, line + '\n'),
  );
  return tee(logger.child({ component: 'stack' }), file);
}
