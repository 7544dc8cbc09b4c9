// defineWorker on real Redis: a bad payload fails its job once with a clear error and nothing else stops; close()
// gives in-flight jobs until the shutdown deadline and then hands them back; the catalog's options reach the worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import pino from 'pino';
import { logOptionsForTest, redactingStream } from '../../src/log.js';
import { defineWorker, InvalidPayloadError, parsePayload, queueNames, workerConnection, workerOptions, type DefinedWorker } from '../../src/queue.js';
import { createTestPrefix, testRedisUrl } from '../helpers/services.js';
import { testSettings, waitFor } from '../helpers/service-env.js';

let prefix: ReturnType<typeof createTestPrefix>;
const producers: Queue[] = [];
const workers: DefinedWorker[] = [];

beforeAll(() => {
  prefix = createTestPrefix();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all(producers.map((q) => q.close()));
  await prefix?.cleanup();
});

/** A logger whose lines are kept as objects. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(logOptionsForTest('info'), redactingStream((line) => lines.push(JSON.parse(line))));
  return { logger, lines };
}

/** This test's own queue prefix (a sub-prefix of the file's), so that tests do not see each other's jobs. */
function setup(name: string, overrides: Record<string, string> = {}) {
  const p = `${prefix.prefix}-${name}`;
  const settings = testSettings('postgres://unused', p, overrides);
  const { logger, lines } = capturingLogger();
  const connection = workerConnection(testRedisUrl);
  connection.on('error', () => {});
  return { p, settings, logger, lines, connection };
}

function producer(name: string, p: string): Queue {
  const q = new Queue(name, { connection: { url: testRedisUrl }, prefix: p });
  producers.push(q);
  return q;
}

describe('parsePayload', () => {
  it('names the queue and each bad field', () => {
    expect(() => parsePayload(queueNames.pollFeed, { feedId: 'seven' })).toThrow(InvalidPayloadError);
    expect(() => parsePayload(queueNames.pollFeed, { feedId: 'seven' })).toThrow(/^invalid poll-feed payload: feedId: .*; due: /);
    expect(parsePayload(queueNames.pollFeed, { feedId: 7, due: 1 })).toEqual({ feedId: 7, due: 1 });
  });
});

describe('workerOptions', () => {
  it('takes every concurrency from the settings, one tick at a time, and the same lock and stall interval for all', () => {
    const s = testSettings('postgres://unused', 'x', { POLL_CONCURRENCY: '3', EXTRACT_CONCURRENCY: '5', NOTIFY_CONCURRENCY: '7', JOB_LOCK_SECONDS: '9' });
    expect(Object.values(queueNames).map((n) => workerOptions(n, s))).toEqual([
      { concurrency: 1, lockDuration: 9000, stalledInterval: 9000 },
      { concurrency: 3, lockDuration: 9000, stalledInterval: 9000 },
      { concurrency: 5, lockDuration: 9000, stalledInterval: 9000 },
      { concurrency: 7, lockDuration: 9000, stalledInterval: 9000 },
    ]);
  });
});

describe('defineWorker', () => {
  it('fails a bad payload once with UnrecoverableError and a clear message, and goes on with the next job', async () => {
    const { p, settings, logger, lines, connection } = setup('bad', { NOTIFY_CONCURRENCY: '1' });
    const handled: number[] = [];
    const finals: boolean[] = [];
    const w = defineWorker(
      { connection, settings, logger },
      {
        queue: queueNames.deliverAlert,
        handle: async (payload) => {
          handled.push(payload.deliveryId);
          return 'sent';
        },
        onFailed: (_job, _err, final) => void finals.push(final),
      },
    );
    workers.push(w);
    expect(w.worker.opts.concurrency).toBe(1);
    expect(w.worker.opts.stalledInterval).toBe(settings.JOB_LOCK_SECONDS * 1000);
    const q = producer(queueNames.deliverAlert, p);
    // Written straight to Redis, as an old producer or a hand-edited job would: enqueue() would refuse it.
    const bad = await q.add(queueNames.deliverAlert, { deliveryId: 'x' }, { attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    const good = await q.add(queueNames.deliverAlert, { deliveryId: 42 });

    const failed = await waitFor('the bad job to fail', async () => ((await q.getJobState(bad.id!)) === 'failed' ? q.getJob(bad.id!) : null), 20_000);
    expect(failed!.failedReason).toBe('invalid deliver-alert payload: deliveryId: Invalid input: expected number, received string');
    expect(failed!.attemptsMade).toBe(1);
    await waitFor('the good job to complete', async () => (await q.getJobState(good.id!)) === 'completed', 20_000);
    expect(handled).toEqual([42]);
    await waitFor('the failed job to be logged', async () => lines.some((l) => l.msg === 'deliver-alert job failed'));
    expect(lines.find((l) => l.msg === 'deliver-alert job failed')).toMatchObject({ queue: 'deliver-alert', job_id: bad.id, attempt: 1, final: true });
    expect(finals).toEqual([true]);
  });

  it('logs the payload fields of a failed job and calls onFailed with final only when no attempt is left', async () => {
    const { p, settings, logger, lines, connection } = setup('retry');
    const finals: boolean[] = [];
    const w = defineWorker(
      { connection, settings, logger },
      {
        queue: queueNames.processArticle,
        handle: async () => {
          throw new Error('page fetch failed');
        },
        failedMessage: 'article job failed',
        onFailed: (_job, _err, final) => void finals.push(final),
      },
    );
    workers.push(w);
    const q = producer(queueNames.processArticle, p);
    await q.add(queueNames.processArticle, { articleId: 5 }, { attempts: 2, backoff: { type: 'fixed', delay: 10 } });
    await waitFor('both attempts to fail', async () => finals.length === 2, 20_000);
    expect(finals).toEqual([false, true]);
    const logged = lines.filter((l) => l.msg === 'article job failed');
    expect(logged.map((l) => [l.article_id, l.attempt, l.final, l.error])).toEqual([
      [5, 1, false, 'page fetch failed'],
      [5, 2, true, 'page fetch failed'],
    ]);
  });

  it('close() hands back a job still running at the shutdown deadline (another worker runs it), and closes a quiet worker at once', async () => {
    const { p, settings, logger, lines, connection } = setup('deadline', { SHUTDOWN_TIMEOUT_SECONDS: '1', JOB_LOCK_SECONDS: '1' });
    let started = false;
    let release: (() => void) | undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const w = defineWorker(
      { connection, settings, logger },
      {
        queue: queueNames.pollFeed,
        handle: async () => {
          started = true;
          await stuck;
          return 'done';
        },
      },
    );
    const q = producer(queueNames.pollFeed, p);
    const job = await q.add(queueNames.pollFeed, { feedId: 1, due: 1 });
    await waitFor('the job to start', async () => started, 20_000);
    let handlerFinished = false;
    void stuck.then(() => (handlerFinished = true));
    expect(await w.close()).toBe('handed-back');
    // close() returned while the job was still running: the deadline, not the job, ended it.
    expect(handlerFinished).toBe(false);
    expect(lines.some((l) => l.msg === 'jobs still running at the shutdown deadline are handed back')).toBe(true);

    // Handed back, not lost: its lock lapses and another worker runs it.
    const next = setup('deadline-next', { SHUTDOWN_TIMEOUT_SECONDS: '1', JOB_LOCK_SECONDS: '1' });
    const rerun = defineWorker(
      { connection: next.connection, settings: { ...next.settings, QUEUE_PREFIX: p }, logger: next.logger },
      { queue: queueNames.pollFeed, handle: async (payload) => `again ${payload.feedId}` },
    );
    workers.push(rerun);
    await waitFor('the handed-back job to complete on another worker', async () => (await q.getJobState(job.id!)) === 'completed', 30_000);
    expect((await q.getJob(job.id!))!.returnvalue).toBe('again 1');
    release!();

    const quiet = setup('quiet', { SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const idle = defineWorker({ connection: quiet.connection, settings: quiet.settings, logger: quiet.logger }, { queue: queueNames.schedule, handle: async () => null });
    await idle.worker.waitUntilReady();
    expect(await idle.close()).toBe('finished');
  });
});
