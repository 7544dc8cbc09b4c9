// The extractor process killed with SIGKILL in the middle of a batch: after a restart every article is extracted
// exactly once and no deal is stored twice (compared with a clean run of the same articles).
import { describe, expect, it } from 'vitest';
import { articles, feeds } from '../../src/db/schema.js';
import { useServiceTest } from '../helpers/service-test.js';
import { waitFor } from '../helpers/service-env.js';
import { expectSameAsCleanRun, extractedCount, waitForAllExtracted, waitForExtracted } from '../helpers/fault-checks.js';

// Slow pages keep jobs in flight, so that the kill lands mid-batch.
const env = useServiceTest({ feeds: { pageDelayMs: 700 } });

describe('extractor killed mid-batch', () => {
  it('finishes every article exactly once after a restart, with no duplicate deal', async () => {
    const { db, server } = env;
    const s = env.settings({ POLL_INTERVAL_SECONDS: '30', JOB_LOCK_SECONDS: '3', EXTRACT_CONCURRENCY: '3' });
    await env.addServerFeeds(2);
    // The poller runs here; the extractor is a separate process that can be killed.
    await env.startService(['poller'], s);
    const total = server.articles.length;
    await waitFor('every article stored', async () => (await db.$count(articles)) === total, 60_000);

    const outputs: string[] = [];
    let extractor = env.startProcess(['extractor'], s, { LOG_LEVEL: 'info' });
    await waitForExtracted(db, 3, 90_000);
    const atKill = await extractedCount(db);
    extractor.child.kill('SIGKILL');
    await extractor.exited;
    outputs.push(extractor.output());
    expect(atKill).toBeLessThan(total); // the kill landed mid-batch

    extractor = env.startProcess(['extractor'], s, { LOG_LEVEL: 'info' });
    await waitForAllExtracted(db, total, 120_000, 'every article extracted after the restart');
    extractor.child.kill('SIGTERM');
    expect(await extractor.exited).toBe(0);
    outputs.push(extractor.output());

    // Each commit logs once: across the killed process and its successor, no article was extracted twice.
    const committed = outputs
      .join('\n')
      .split('\n')
      .flatMap((line) => {
        try {
          const j = JSON.parse(line) as { msg?: string; article_id?: number };
          return j.msg === 'article extracted' ? [j.article_id] : [];
        } catch {
          return [];
        }
      });
    expect(committed.length).toBeGreaterThanOrEqual(total - 3); // a kill between commit and log loses a line, never adds one
    expect(new Set(committed).size).toBe(committed.length);

    const rows = await db.select().from(articles);
    expect(rows.every((a) => a.state === 'extracted' && a.extractedAt !== null)).toBe(true);

    // The same articles extracted once, cleanly, in another database: the same deals and sources.
    await expectSameAsCleanRun(db, server.url, env.prefix);
    expect((await db.select().from(feeds)).every((f) => f.failures === 0)).toBe(true);
  }, 300_000);
});
