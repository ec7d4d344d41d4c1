/**
 * The director's log: one line per event, as text or as JSON (for fail2ban and log shippers).
 * Secrets never reach it: callers pass names, addresses and reasons only.
 */
export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, message: string, fields?: LogFields): void;
}

/**
 * stderr on a file or pipe is written synchronously by node: a thousand refusals in one loop turn
 * (a flood timing out together) would be a thousand blocking writes. Lines are gathered and written
 * once per turn instead, and whatever is left goes out when the process exits.
 */
export function batchedStderr(): (line: string) => void {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    process.stderr.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    pending.push(line);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

export function createLogger(format: LogFormat, write: (line: string) => void = batchedStderr(), minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  return {
    log(level, event, message, fields = {}) {
      if (order[level] < order[minLevel]) return;
      const time = new Date().toISOString();
      if (format === 'json') {
        write(`${JSON.stringify({ time, level, event, message, ...fields })}\n`);
        return;
      }
      const extra = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`)
        .join(' ');
      write(`${time} ${level.toUpperCase()} ${event}: ${message}${extra ? ` ${extra}` : ''}\n`);
    },
  };
}

/** A logger that keeps lines in memory: for tests that assert on what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger('json', (l) => lines.push(l), 'debug');
  return Object.assign(logger, { lines });
}
