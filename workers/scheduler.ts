// The schedule queue: BullMQ job schedulers tick enqueue-due-feeds, sweep and (with DIGEST_CRON) digest; one
// worker runs the ticks. The schedulers live in Redis, so a watchdog puts them back if Redis loses them.
import { sweep } from '../src/articles/sweep.js';
import { claimLeaseMs } from '../src/polling/poll.js';
import { enqueueDueFeeds, forgetEnqueuedPolls } from '../src/polling/schedule.js';
import { runDigest } from '../src/alerts/digest.js';
import { defineWorker, queueNames, type Payload, type Queues } from '../src/queue.js';
import type { Settings } from '../src/config.js';
import type { RoleContext, RunningRole } from '../src/role.js';

type Task = Payload<typeof queueNames.schedule>['task'];

export async function registerSchedulers(queues: Queues, s: Settings): Promise<void> {
  const queue = queues.queue(queueNames.schedule);
  const tick = (task: Task, repeat: { every: number } | { pattern: string; tz: string }) =>
    queue.upsertJobScheduler(task, repeat, { name: task, data: { task } });
  await tick('enqueue-due-feeds', { every: s.SCHEDULER_TICK_SECONDS * 1000 });
  await tick('sweep', { every: s.SWEEP_INTERVAL_SECONDS * 1000 });
  if (s.DIGEST_CRON) await tick('digest', { pattern: s.DIGEST_CRON, tz: 'UTC' });
  else await queue.removeJobScheduler('digest');
}

export async function startScheduler(ctx: RoleContext): Promise<RunningRole> {
  const s = ctx.settings;
  const logger = ctx.logger.child({ role: 'scheduler' });
  const { db } = ctx.database;

  const run = async (task: Task): Promise<unknown> => {
    switch (task) {
      case 'enqueue-due-feeds':
        // A feed enqueued for its due time and still unclaimed a lease later lost its job: it is enqueued anew.
        return enqueueDueFeeds(db, ctx.queues, { staleAfterMs: claimLeaseMs(s) });
      case 'sweep':
        return sweep(db, ctx.queues, logger);
      case 'digest':
        return runDigest({ settings: s, database: ctx.database, queues: ctx.queues, logger });
    }
  };

  const ticks = defineWorker(
    { connection: ctx.workerConnection(), settings: s, logger },
    { queue: queueNames.schedule, handle: (payload) => run(payload.task), failedMessage: 'schedule tick failed; the next tick retries' },
  );

  await registerSchedulers(ctx.queues, s);
  // Redis flushed or restarted empty: the schedulers are gone with it. Put them back, and run the work at once.
  const watchdog = setInterval(() => {
    void (async () => {
      const present = await ctx.queues.queue(queueNames.schedule).getJobScheduler('enqueue-due-feeds');
      if (present) return;
      logger.warn('job schedulers missing from Redis (flushed or restarted); registering them again');
      await registerSchedulers(ctx.queues, s);
      // Their poll jobs went with them: the next tick enqueues those feeds again, without waiting out the lease.
      await forgetEnqueuedPolls(db);
      await run('sweep');
    })().catch((err: Error) => logger.warn({ error: err.message }, 'scheduler watchdog could not reach Redis or PostgreSQL'));
  }, s.SCHEDULER_TICK_SECONDS * 1000);
  watchdog.unref();

  return {
    name: 'scheduler',
    async close() {
      clearInterval(watchdog);
      await ticks.close();
    },
  };
}
