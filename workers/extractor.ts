// The extractor role: takes process-article jobs and hands each to src/articles/process.ts. The CPU-heavy part runs
// in worker threads (src/articles/extract-pool.ts) so this process's event loop stays free.
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { createExtractPool } from '../src/articles/extract-pool.js';
import { markArticleFailed, processArticle } from '../src/articles/process.js';
import { parsePayload, queueNames } from '../src/queue.js';
import type { RoleContext, RunningRole } from '../src/role.js';
import { closeWorker } from './close.js';

/** A page whose extraction takes longer than this is pathological; its thread is replaced and the job retried. */
const extractionTimeoutMs = 120_000;

export async function startExtractor(ctx: RoleContext): Promise<RunningRole> {
  const s = ctx.settings;
  const logger = ctx.logger.child({ role: 'extractor' });
  const connection = ctx.workerConnection();
  const threads = s.EXTRACT_THREADS;
  const pool = createExtractPool(threads, extractionTimeoutMs);
  logger.info({ threads }, 'extraction threads');
  const deps = { db: ctx.database.db, queues: ctx.queues, settings: s, logger, extract: pool.run };
  const worker = new Worker(
    queueNames.processArticle,
    async (job: Job) => {
      let payload;
      try {
        payload = parsePayload(queueNames.processArticle, job.data);
      } catch (err) {
        throw new UnrecoverableError(`invalid process-article payload: ${(err as Error).message}`);
      }
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const outcome = await processArticle(deps, payload.articleId, { finalAttempt });
      return outcome.kind;
    },
    {
      connection,
      prefix: s.QUEUE_PREFIX,
      // Jobs in flight at once: page fetches overlap while the threads extract.
      concurrency: s.EXTRACT_CONCURRENCY,
      lockDuration: s.JOB_LOCK_SECONDS * 1000,
      stalledInterval: s.JOB_LOCK_SECONDS * 1000,
    },
  );
  worker.on('error', (err) => logger.error({ error: err.message }, 'extractor worker error'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    logger.warn({ job_id: job.id, article_id: job.data?.articleId, attempt: job.attemptsMade, final, error: err.message }, 'article job failed');
    if (final && typeof job.data?.articleId === 'number') {
      markArticleFailed(ctx.database.db, job.data.articleId, err.message).catch((e: Error) =>
        logger.warn({ article_id: job.data.articleId, error: e.message }, 'could not mark the article failed; the sweep will'),
      );
    }
  });
  return {
    name: 'extractor',
    async close() {
      await closeWorker(worker, s.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      await pool.close();
      connection.disconnect();
    },
  };
}
