// The notifier role: takes deliver-alert jobs and hands each to src/alerts/deliver.ts. Thin by design.
import { DelayedError, UnrecoverableError } from 'bullmq';
import { deliverOne, PermanentDeliveryError } from '../src/alerts/deliver.js';
import { enqueuePendingDeliveries } from '../src/alerts/deliveries.js';
import { defineWorker, queueNames } from '../src/queue.js';
import type { RoleContext, RunningRole } from '../src/role.js';

export async function startNotifier(ctx: RoleContext): Promise<RunningRole> {
  const logger = ctx.logger.child({ role: 'notifier' });
  const notifier = defineWorker(
    { connection: ctx.workerConnection(), settings: ctx.settings, logger },
    {
      queue: queueNames.deliverAlert,
      async handle(payload, job, token) {
        const attempt = job.attemptsMade + 1;
        const isFinalAttempt = attempt >= (job.opts.attempts ?? 1);
        let result;
        try {
          result = await deliverOne(ctx.database.db, payload.deliveryId, { settings: ctx.settings, logger }, isFinalAttempt);
        } catch (err) {
          if (err instanceof PermanentDeliveryError) throw new UnrecoverableError(err.message);
          throw err;
        }
        if (result.outcome === 'not-due') {
          // Enqueued before its undo window ended (the sweep, a clock ahead of this one's): wait without using an attempt.
          logger.info({ job_id: job.id, delivery_id: payload.deliveryId, send_after: result.sendAfter }, 'delivery held until its undo window ends');
          await job.moveToDelayed(result.sendAfter.getTime(), token);
          throw new DelayedError();
        }
        logger.info({ job_id: job.id, delivery_id: payload.deliveryId, attempt, outcome: result.outcome }, 'delivery done');
        return result.outcome;
      },
      failedMessage: 'delivery failed',
    },
  );

  // Deliveries committed while no notifier ran and whose jobs Redis lost (restart, flush) are sent now.
  await enqueuePendingDeliveries(ctx.database.db, ctx.queues).catch((err: Error) =>
    logger.warn({ error: err.message }, 'could not re-enqueue pending deliveries at start; the sweep will'),
  );

  return { name: 'notifier', close: async () => void (await notifier.close()) };
}
