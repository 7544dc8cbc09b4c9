// A small pool of worker threads for extraction: cheerio and compromise on a large page take tens to hundreds of
// milliseconds of CPU, which must not stall the event loop that serves the web UI and renews job locks.
//
// Kept rather than piscina 5.3.2 or tinypool 2.2.0, by measurement (issue 13; same pages, threads, resourceLimits,
// transfer and timeout by AbortSignal; one thread; median of 3 on a shared, loaded 2-core machine): on the Zyte
// benchmark's 181 real pages the three are level (29.4 / 30.4 / 30.8 ms of CPU a page, 32.6 / 32.7 / 31.1 pages/s);
// on 2,000 tiny pages, where only the pool's own cost shows, this one costs 0.35 ms of CPU a task against 0.44 / 0.41,
// and its process is about 10 MB smaller (169 against 179 / 180 MB RSS). The queue needs no bound of its own: the
// extractor worker never has more than EXTRACT_CONCURRENCY pages in flight.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.js';
import type { ExtractInput, ExtractOutput } from './extract-work.js';

export interface ExtractPool {
  run(input: ExtractInput): Promise<ExtractOutput>;
  close(): Promise<void>;
}

export class ExtractionTimeoutError extends Error {
  override name = 'ExtractionTimeoutError';
}

export interface ExtractThreadLimits {
  /**
   * V8's young generation of each thread. V8 sizes it for throughput and lets it grow to tens of MB while the
   * parsers and compromise load; 16 MB keeps a thread's footprint ~25 MB smaller at no measurable cost in speed.
   */
  youngGenerationMb: number;
  /** A page whose parse outgrows this kills its thread (replaced at once) and fails the page, not the process. */
  oldGenerationMb: number;
}

export const defaultThreadLimits: ExtractThreadLimits = { youngGenerationMb: 16, oldGenerationMb: 1024 };

interface Task {
  id: number;
  input: ExtractInput;
  resolve(output: ExtractOutput): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/**
 * The page's bytes are moved to the thread rather than copied, when they fill an ArrayBuffer of their own (a fetched
 * page does; a view into a shared or pooled buffer is copied as usual). The caller's view is empty afterwards.
 */
function transferable(input: ExtractInput): ArrayBuffer[] {
  const body = input.page?.body;
  if (!body || !(body.buffer instanceof ArrayBuffer) || body.byteOffset !== 0 || body.byteLength !== body.buffer.byteLength) return [];
  return [body.buffer];
}

const consoleLogger: PoolLogger = {
  warn: (fields: object, message?: string) => console.error(message, fields),
  error: (fields: object, message?: string) => console.error(message, fields),
} as PoolLogger;

// Compiled (dist/*.js) the handler starts directly; from the TypeScript sources it needs tsx in the thread.
const threadEntry = import.meta.url.endsWith('.ts')
  ? new URL('./extract-thread-tsx.js', import.meta.url)
  : new URL('./extract-thread-main.js', import.meta.url);

/** Where the pool reports a thread that failed, exited or timed out (the task's own error goes to its caller too). */
export type PoolLogger = Pick<Logger, 'warn' | 'error'>;

/**
 * `threads` 0 runs extraction on the calling thread (CLI, tests). A task running longer than `taskTimeoutMs`
 * (a pathological page) has its thread terminated and replaced, and fails with ExtractionTimeoutError.
 * A thread's error, unexpected exit or timeout is logged to `logger` (the console's error stream by default).
 */
export function createExtractPool(
  threads: number,
  taskTimeoutMs: number,
  limits: ExtractThreadLimits = defaultThreadLimits,
  logger: PoolLogger = consoleLogger,
): ExtractPool {
  if (threads <= 0) {
    // Loaded only here: with threads, the parsers and compromise (~50 MB) live in the threads, not in this one.
    return { run: async (input) => (await import('./extract-work.js')).pageDeals(input), close: async () => {} };
  }
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    dispatch();
  };

  const spawn = (): Slot => {
    const worker = new Worker(threadEntry, {
      resourceLimits: { maxYoungGenerationSizeMb: limits.youngGenerationMb, maxOldGenerationSizeMb: limits.oldGenerationMb },
    });
    const slot: Slot = { worker, task: null, timer: null };
    slot.worker.unref();
    slot.worker.on('message', (m: { id?: number; ok?: boolean; output?: ExtractOutput; error?: string }) => {
      const task = slot.task;
      if (!task || m.id !== task.id) return;
      if (m.ok) task.resolve(m.output!);
      else task.reject(new Error(m.error ?? 'extraction failed'));
      finish(slot);
    });
    slot.worker.on('error', (err) => {
      logger.error({ error: err.message, busy: slot.task !== null }, 'extraction thread failed; replacing it');
      slot.task?.reject(err);
      replace(slot);
    });
    slot.worker.on('exit', (code) => {
      if (!closed && slots.includes(slot)) {
        logger.warn({ exit_code: code, busy: slot.task !== null }, 'extraction thread exited; replacing it');
        slot.task?.reject(new Error('extraction thread exited'));
        replace(slot);
      }
    });
    return slot;
  };

  const replace = (slot: Slot) => {
    if (slot.timer) clearTimeout(slot.timer);
    const i = slots.indexOf(slot);
    if (i < 0) return;
    slots.splice(i, 1);
    slot.worker.terminate().catch((err: Error) => logger.warn({ error: err.message }, 'could not terminate an extraction thread'));
    if (!closed) slots.push(spawn());
    dispatch();
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.task || queue.length === 0) continue;
      const task = queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        logger.warn({ timeout_seconds: taskTimeoutMs / 1000 }, 'extraction took too long; replacing its thread');
        task.reject(new ExtractionTimeoutError(`extraction took longer than ${taskTimeoutMs / 1000}s`));
        slot.task = null;
        replace(slot);
      }, taskTimeoutMs);
      slot.worker.postMessage({ id: task.id, input: task.input }, transferable(task.input));
    }
  };

  for (let i = 0; i < threads; i++) slots.push(spawn());

  return {
    run(input) {
      if (closed) return Promise.reject(new Error('extraction pool is closed'));
      return new Promise<ExtractOutput>((resolve, reject) => {
        queue.push({ id: nextId++, input, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new Error('extraction pool is closed'));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
