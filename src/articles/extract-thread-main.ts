// Runs extraction tasks posted by extract-pool.ts, one at a time, in this worker thread.
import { parentPort } from 'node:worker_threads';
import { pageDeals, type ExtractInput } from './extract-work.js';

parentPort?.on('message', (message: { id: number; input: ExtractInput }) => {
  try {
    const output = pageDeals(message.input);
    parentPort?.postMessage({ id: message.id, ok: true, output });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, ok: false, error: (err as Error)?.message ?? String(err) });
  }
});
parentPort?.postMessage({ ready: true });
