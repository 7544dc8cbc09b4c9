// The extraction thread pool: results, concurrency, and the two ways a page can be pathological (too slow, too big),
// each failing that page only while the pool goes on with a fresh thread.
import { afterEach, describe, expect, it } from 'vitest';
import { createExtractPool, defaultThreadLimits, ExtractionTimeoutError, type ExtractPool, type PoolLogger } from '../../../src/articles/extract-pool.js';
import type { ExtractInput } from '../../../src/articles/extract-work.js';

const dealPage = (n: number) =>
  `<html><head><title>Deal ${n}</title></head><body><article><h1>Deal ${n}</h1>` +
  `<p>OpenAI signed a $${n} billion agreement with Oracle for 4.5 gigawatts of data-centre capacity, the companies said on Tuesday.</p>` +
  `<p>The contract runs for five years and covers capacity in Texas and New Mexico, according to people familiar with it.</p>` +
  `</article></body></html>`;

const input = (html: string): ExtractInput => ({
  page: { body: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8', url: 'https://news.example/a' },
  feedContent: null,
  meta: { title: null, published: '2025-09-10T14:00:00Z', url: 'https://news.example/a' },
});

// The threads' heap in these tests is 88 MB: a thread holds the model (about 20 MB, more while it is parsed), the
// gazetteer and compromise before any page, so an ordinary page may need more than 64 MB (64 failed now and then once
// the model passed 106,000 features), while the huge page (cut at 5 MB of HTML) outgrows 88 MB.
const SMALL_HEAP = { ...defaultThreadLimits, oldGenerationMb: 88 };

/** More nested markup than a page may hold (5 MB): tens of MB of DOM once parsed. */
const hugePage = () => `<html><body>${'<div><p>Compute news paragraph with words and numbers 1234.</p>'.repeat(150_000)}${'</div>'.repeat(150_000)}</body></html>`;

let pool: ExtractPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('extraction thread pool', () => {
  it('returns the text and deals of a page from a thread', async () => {
    pool = createExtractPool(1, 60_000);
    const out = await pool.run(input(dealPage(300)));
    expect(out.bodySource).toBe('page');
    expect(out.deals.map((d) => [d.lab, d.provider, d.amount_usd, d.gigawatts])).toEqual([['OpenAI', 'Oracle', 300e9, 4.5]]);
  });

  it('runs tasks on every thread and answers each task with its own result', async () => {
    pool = createExtractPool(2, 60_000);
    const outs = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => pool!.run(input(dealPage(n * 10)))));
    expect(outs.map((o) => o.deals[0]?.amount_usd)).toEqual([10e9, 20e9, 30e9, 40e9, 50e9, 60e9]);
  });

  it('moves a page that fills its own buffer to the thread, and copies a view into a larger one', async () => {
    pool = createExtractPool(1, 60_000);
    const own = input(dealPage(11));
    const bytes = new TextEncoder().encode(dealPage(12));
    const shared = new Uint8Array(bytes.byteLength + 64);
    shared.set(bytes, 32);
    const view = { ...input(''), page: { ...input('').page!, body: shared.subarray(32, 32 + bytes.byteLength) } };
    const [a, b] = await Promise.all([pool.run(own), pool.run(view)]);
    expect([a.deals[0]?.amount_usd, b.deals[0]?.amount_usd]).toEqual([11e9, 12e9]);
    expect(own.page!.body.byteLength).toBe(0);
    expect(shared.byteLength).toBe(bytes.byteLength + 64);
  });

  it('fails a page that outgrows the thread heap, and extracts the next page on a new thread', async () => {
    pool = createExtractPool(1, 60_000, SMALL_HEAP);
    await expect(pool.run(input(hugePage()))).rejects.toThrow(/memory/i);
    const out = await pool.run(input(dealPage(7)));
    expect(out.deals[0]?.amount_usd).toBe(7e9);
  }, 60_000);

  it('logs a thread that failed or timed out, rather than swallowing it', async () => {
    const logged: { level: string; fields: object; message?: string }[] = [];
    const logger = {
      warn: (fields: object, message?: string) => void logged.push({ level: 'warn', fields, message }),
      error: (fields: object, message?: string) => void logged.push({ level: 'error', fields, message }),
    } as PoolLogger;
    pool = createExtractPool(1, 60_000, SMALL_HEAP, logger);
    await expect(pool.run(input(hugePage()))).rejects.toThrow(/memory/i);
    expect(logged).toEqual([{ level: 'error', fields: { error: expect.stringMatching(/memory/i), busy: true }, message: 'extraction thread failed; replacing it' }]);
    await pool.close();
    logged.length = 0;
    pool = createExtractPool(1, 50, defaultThreadLimits, logger);
    await expect(pool.run(input(hugePage()))).rejects.toBeInstanceOf(ExtractionTimeoutError);
    expect(logged).toEqual([{ level: 'warn', fields: { timeout_seconds: 0.05 }, message: 'extraction took too long; replacing its thread' }]);
  }, 60_000);

  it('fails a page that takes longer than the task timeout with ExtractionTimeoutError', async () => {
    pool = createExtractPool(1, 50);
    await expect(pool.run(input(hugePage()))).rejects.toBeInstanceOf(ExtractionTimeoutError);
  }, 60_000);

  it('refuses work once closed', async () => {
    pool = createExtractPool(1, 60_000);
    await pool.close();
    await expect(pool.run(input(dealPage(1)))).rejects.toThrow(/closed/);
  });
});
