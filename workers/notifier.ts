// The notifier role: takes deliver-alert jobs and hands each to src/alerts/deliver.ts. Thin by design.
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { deliverOne, PermanentDeliveryError } from '../src/alerts/deliver.js';
import { enqueuePendingDeliveries } from '../src/alerts/deliveries.js';
import { parsePayload, queueNames, type Payload } from '../src/queue.js';
import type { RoleContext, RunningRole } from '../src/role.js';

/**
 * Deliveries in flight at once. Each is one HTTP POST or SMTP exchange that mostly waits: a channel that is down
 * (each attempt bounded by its timeout) occupies a few slots while the other channels' deliveries keep flowing.
 */
const concurrency = 16;

export async function startNotifier(ctx: RoleContext): Promise<RunningRole> {
  const connection = ctx.workerConnection();
  const logger = ctx.logger.child({ role: 'notifier' });
  const worker = new Worker<Payload<typeof queueNames.deliverAlert>>(
    queueNames.deliverAlert,
    async (job: Job, token?: string) => {
      let payload;
      try {
        payload = parsePayload(queueNames.deliverAlert, job.data);
      } catch (err) {
        throw new UnrecoverableError(`invalid deliver-alert payload: ${(err as Error).message}`);
      }
      const attempt = job.attemptsMade + 1;
      const isFinalAttempt = attempt >= (job.opts.attempts ?? 1);
      try {
        const result = await deliverOne(ctx.database.db, payload.deliveryId, { settings: ctx.settings, logger }, isFinalAttempt);
        if (result.outcome === 'not-due') {
          // Enqueued before its undo window ended (the sweep, a clock ahead of this one's): wait without using an attempt.
          logger.info({ job_id: job.id, delivery_id: payload.deliveryId, send_after: result.sendAfter }, 'delivery held until its undo window ends');
          await job.moveToDelayed(result.sendAfter.getTime(), token);
          throw new DelayedError();
        }
        logger.info({ job_id: job.id, delivery_id: payload.deliveryId, attempt, outcome: result.outcome }, 'delivery done');
        return result.outcome;
      } catch (err) {
        if (err instanceof DelayedError) throw err;
        logger.warn({ job_id: job.id, delivery_id: payload.deliveryId, attempt, error: (err as Error).message }, 'delivery failed');
        if (err instanceof PermanentDeliveryError) throw new UnrecoverableError(err.message);
        throw err;
      }
    },
    {
      connection,
      prefix: ctx.settings.QUEUE_PREFIX,
      concurrency,
      lockDuration: ctx.settings.JOB_LOCK_SECONDS * 1000,
    },
  );
  worker.on('error', (err) => logger.error({ error: err.message }, 'notifier worker error'));

  // Deliveries committed while no notifier ran and whose jobs Redis lost (restart, flush) are sent now.
  await enqueuePendingDeliveries(ctx.database.db, ctx.queues).catch((err: Error) =>
    logger.warn({ error: err.message }, 'could not re-enqueue pending deliveries at start; the sweep will'),
  );

  return {
    name: 'notifier',
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
