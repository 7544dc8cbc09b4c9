// A promise rejected with nobody to catch it, or an exception nobody caught, is a bug: it is logged with what is
// known, and the process stops through the one shutdown path (in-flight jobs finish or are handed back) and exits 1,
// instead of Node's default (an abrupt exit, or running on in an unknown state).
import type { Logger } from '../log.js';

export type ProcessFault = 'unhandledRejection' | 'uncaughtException';

function describe(reason: unknown): Record<string, unknown> {
  if (reason instanceof Error) return { error: reason.message, error_type: reason.name, stack: reason.stack };
  return { error: String(reason) };
}

/** Logs every unhandled rejection and uncaught exception, then calls `stop`. Returns a function that removes the handlers. */
export function stopOnProcessFaults(logger: Pick<Logger, 'fatal'>, stop: (fault: ProcessFault) => void): () => void {
  const onRejection = (reason: unknown) => {
    logger.fatal(describe(reason), 'unhandled promise rejection; stopping');
    stop('unhandledRejection');
  };
  const onException = (err: unknown) => {
    logger.fatal(describe(err), 'uncaught exception; stopping');
    stop('uncaughtException');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
