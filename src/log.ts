// Structured logs (pino) with stable keys: feed_id, article_id, job_id, attempt, deal_id, alert_id.
// Every URL in a log line (fields, errors and the message) is redacted on the way out: feed, webhook and Slack URLs
// can carry passwords and tokens.
import pino, { type Logger, type LoggerOptions } from 'pino';
import { redactUrlsIn } from './text/redact.js';

export type { Logger };

let root: Logger | undefined;

/** A log field with the URLs in its strings redacted (errors become plain objects; depth-limited). */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlsIn(value);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, depth + 1));
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown };
    return { type: e.name, message: redactUrlsIn(e.message), ...(e.code !== undefined ? { code: e.code } : {}), stack: e.stack ? redactUrlsIn(e.stack) : undefined };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactLogValue(v, depth + 1);
  return out;
}

/** The logger options (exported for the test that checks redaction reaches the output). */
export function logOptionsForTest(level: string): LoggerOptions {
  return options(level);
}

function options(level: string): LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (obj) => redactLogValue(obj) as Record<string, unknown>,
      bindings: (bindings) => redactLogValue(bindings) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        // The message and its printf arguments; the merging object (first, when an object) goes through formatters.log.
        const redacted = args.map((a) => (typeof a === 'string' ? redactUrlsIn(a) : a)) as Parameters<typeof method>;
        // log.error(err) alone: pino would take the message from the error unredacted.
        if (redacted[0] instanceof Error && typeof redacted[1] !== 'string') (redacted as unknown[])[1] = redactUrlsIn(redacted[0].message);
        method.apply(this, redacted);
      },
    },
  };
}

/**
 * The stream under every lanewatch logger: each finished line is redacted once more, which also covers what the
 * formatters cannot reach (a child logger's bindings are serialised when the child is made).
 */
export function redactingStream(write: (line: string) => void): pino.DestinationStream {
  return { write: (line: string) => write(redactUrlsIn(line)) };
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(options(level), redactingStream((line) => process.stdout.write(line)));
}

/** The process's logger (writes JSON lines to standard error, leaving standard output to commands). */
export function log(): Logger {
  root ??= pino(options(process.env.LOG_LEVEL ?? 'info'), redactingStream((line) => process.stderr.write(line)));
  return root;
}

export function setLogger(logger: Logger): void {
  root = logger;
}
