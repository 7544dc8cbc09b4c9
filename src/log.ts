// Structured logs (pino) with stable keys: feed_id, article_id, job_id, attempt, deal_id, alert_id.
import pino, { type Logger } from 'pino';

export type { Logger };

let root: Logger | undefined;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The process's logger (writes JSON lines to standard error, leaving standard output to commands). */
export function log(): Logger {
  root ??= pino({ level: process.env.LOG_LEVEL ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
  return root;
}

export function setLogger(logger: Logger): void {
  root = logger;
}
