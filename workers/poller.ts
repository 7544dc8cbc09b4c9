// The poller role: takes poll-feed jobs and hands each to src/polling/poll.ts. Thin by design.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { pollFeed } from '../src/polling/poll.js';
import { parsePayload, queueNames } from '../src/queue.js';
import type { RoleContext, RunningRole } from '../src/role.js';
import { closeWorker } from './close.js';

export async function startPoller(ctx: RoleContext): Promise<RunningRole> {
  const s = ctx.settings;
  const logger = ctx.logger.child({ role: 'poller' });
  const connection = ctx.workerConnection();
  const deps = { db: ctx.database.db, queues: ctx.queues, settings: s, logger };
  const worker = new Worker(
    queueNames.pollFeed,
    async (job: Job) => {
      let payload;
      try {
        payload = parsePayload(queueNames.pollFeed, job.data);
      } catch (err) {
        throw new UnrecoverableError(`invalid poll-feed payload: ${(err as Error).message}`);
      }
      const outcome = await pollFeed(deps, payload.feedId, payload.due);
      return outcome.kind;
    },
    {
      connection,
      prefix: s.QUEUE_PREFIX,
      // Polls mostly wait on the network; a hanging host holds one slot for at most FETCH_TIMEOUT_SECONDS.
      concurrency: s.POLL_CONCURRENCY,
      lockDuration: s.JOB_LOCK_SECONDS * 1000,
      stalledInterval: s.JOB_LOCK_SECONDS * 1000,
    },
  );
  worker.on('error', (err) => logger.error({ error: err.message }, 'poller worker error'));
  worker.on('failed', (job, err) => logger.warn({ job_id: job?.id, feed_id: job?.data?.feedId, error: err.message }, 'poll job failed; the feed is due again after its lease'));
  return {
    name: 'poller',
    async close() {
      await closeWorker(worker, s.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      connection.disconnect();
    },
  };
}
