// The extractor role: takes process-article jobs and hands each to src/articles/process.ts. The CPU-heavy part runs
// in worker threads (src/articles/extract-pool.ts) so this process's event loop stays free.
import { createExtractPool } from '../src/articles/extract-pool.js';
import { markArticleFailed, processArticle } from '../src/articles/process.js';
import { defineWorker, queueNames } from '../src/queue.js';
import type { RoleContext, RunningRole } from '../src/role.js';

/** A page whose extraction takes longer than this is pathological; its thread is replaced and the job retried. */
const extractionTimeoutMs = 120_000;

export async function startExtractor(ctx: RoleContext): Promise<RunningRole> {
  const s = ctx.settings;
  const logger = ctx.logger.child({ role: 'extractor' });
  const threads = s.EXTRACT_THREADS;
  const pool = createExtractPool(threads, extractionTimeoutMs, undefined, logger);
  logger.info({ threads }, 'extraction threads');
  const deps = { db: ctx.database.db, queues: ctx.queues, settings: s, logger, extract: pool.run };
  const extractor = defineWorker(
    { connection: ctx.workerConnection(), settings: s, logger },
    {
      queue: queueNames.processArticle,
      async handle(payload, job) {
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return (await processArticle(deps, payload.articleId, { finalAttempt })).kind;
      },
      failedMessage: 'article job failed',
      async onFailed(job, err, final) {
        if (!final || typeof job.data?.articleId !== 'number') return;
        await markArticleFailed(ctx.database.db, job.data.articleId, err.message).catch((e: Error) =>
          logger.warn({ article_id: job.data.articleId, error: e.message }, 'could not mark the article failed; the sweep will'),
        );
      },
    },
  );
  return {
    name: 'extractor',
    async close() {
      await extractor.close();
      await pool.close();
    },
  };
}
