/** Structured JSON logs, one object per line on stderr (stdout is kept for command output). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function serializeError(err: unknown): unknown {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack };
  }
  return err;
}

let defaultWrite = (line: string): void => void process.stderr.write(line + '\n');

/**
 * Where loggers created without a writer send their lines (stderr unless changed). Looked up at
 * each line, so it also moves loggers made earlier; the test harness uses it to keep logs in a file
 * per run (devtools/jest/route-logs.ts).
 */
export function setDefaultLogWriter(write: (line: string) => void): void {
  defaultWrite = write;
}

export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => defaultWrite(line),
): Logger {
  const min = ORDER[level];
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < min) {
      return;
    }
    const record: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, ...base, msg };
    for (const [k, v] of Object.entries(fields ?? {})) {
      record[k] = k === 'err' ? serializeError(v) : v;
    }
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
