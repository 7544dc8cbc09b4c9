// The poller role: takes poll-feed jobs and hands each to src/polling/poll.ts. Thin by design.
import { pollFeed } from '../src/polling/poll.js';
import { defineWorker, queueNames } from '../src/queue.js';
import type { RoleContext, RunningRole } from '../src/role.js';

export async function startPoller(ctx: RoleContext): Promise<RunningRole> {
  const logger = ctx.logger.child({ role: 'poller' });
  const deps = { db: ctx.database.db, queues: ctx.queues, settings: ctx.settings, logger };
  const poller = defineWorker(
    { connection: ctx.workerConnection(), settings: ctx.settings, logger },
    {
      queue: queueNames.pollFeed,
      handle: async (payload) => (await pollFeed(deps, payload.feedId, payload.due)).kind,
      failedMessage: 'poll job failed; the feed is due again after its lease',
    },
  );
  return { name: 'poller', close: async () => void (await poller.close()) };
}
