/**
 * Structured logs: one JSON line per entry on stdout (what CloudWatch Logs captures from Lambda), with
 * `level`, `msg`, and the request's `requestId` / `connectionId` / `route`. Never pass tokens, query
 * strings or message text in the fields.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose entries all carry `fields` too. */
  child(fields: LogFields): Logger;
}

export function parseLogLevel(raw: string | undefined): LogLevel {
  const level = (raw ?? '').trim().toLowerCase();
  return level in ORDER ? (level as LogLevel) : 'info';
}

/** Describes an error for a log line: name and message, never the stack of an AWS response. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message };
  return { errorMessage: String(error) };
}

export function createLogger(
  level: LogLevel,
  base: LogFields = {},
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Logger {
  const threshold = ORDER[level];
  const emit = (entryLevel: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
    if (ORDER[entryLevel] < threshold) return;
    try {
      write(JSON.stringify({ time: new Date().toISOString(), level: entryLevel, msg, ...base, ...fields }));
    } catch {
      write(
        JSON.stringify({ time: new Date().toISOString(), level: entryLevel, msg, note: 'fields not serialisable' }),
      );
    }
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}
