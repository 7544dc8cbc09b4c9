// Closing a BullMQ worker against a deadline: in-flight jobs get until the deadline to finish; after it they are
// abandoned, their locks lapse, and another worker takes them again (handed back, not lost).
import type { Worker } from 'bullmq';

export async function closeWorker(worker: Worker, deadlineMs: number): Promise<'finished' | 'handed-back'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'handed-back'>((resolve) => {
    timer = setTimeout(() => resolve('handed-back'), deadlineMs);
  });
  const outcome = await Promise.race([worker.close().then(() => 'finished' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'handed-back') await worker.close(true).catch(() => {});
  return outcome;
}
