// A small pool of worker threads for extraction: cheerio and compromise on a large page take tens to hundreds of
// milliseconds of CPU, which must not stall the event loop that serves the web UI and renews job locks.
import { Worker } from 'node:worker_threads';
import type { ExtractInput, ExtractOutput } from './extract-work.js';

export interface ExtractPool {
  run(input: ExtractInput): Promise<ExtractOutput>;
  close(): Promise<void>;
}

export class ExtractionTimeoutError extends Error {
  override name = 'ExtractionTimeoutError';
}

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

const threadEntry = new URL('./extract-thread.js', import.meta.url);

/**
 * `threads` 0 runs extraction on the calling thread (CLI, tests). A task running longer than `taskTimeoutMs`
 * (a pathological page) has its thread terminated and replaced, and fails with ExtractionTimeoutError.
 */
export function createExtractPool(threads: number, taskTimeoutMs: number): ExtractPool {
  if (threads <= 0) {
    // Loaded only here: with threads, the parsers and compromise (~50 MB) live in the threads, not in this one.
    return { run: async (input) => (await import('./extract-work.js')).runExtraction(input), close: async () => {} };
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
    const slot: Slot = { worker: new Worker(threadEntry), task: null, timer: null };
    slot.worker.unref();
    slot.worker.on('message', (m: { id?: number; ok?: boolean; output?: ExtractOutput; error?: string }) => {
      const task = slot.task;
      if (!task || m.id !== task.id) return;
      if (m.ok) task.resolve(m.output!);
      else task.reject(new Error(m.error ?? 'extraction failed'));
      finish(slot);
    });
    slot.worker.on('error', (err) => {
      slot.task?.reject(err);
      replace(slot);
    });
    slot.worker.on('exit', () => {
      if (!closed && slots.includes(slot)) {
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
    void slot.worker.terminate();
    if (!closed) slots.push(spawn());
    dispatch();
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.task || queue.length === 0) continue;
      const task = queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        task.reject(new ExtractionTimeoutError(`extraction took longer than ${taskTimeoutMs / 1000}s`));
        slot.task = null;
        replace(slot);
      }, taskTimeoutMs);
      slot.worker.postMessage({ id: task.id, input: task.input });
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
