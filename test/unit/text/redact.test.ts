import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { looksLikeToken, redactUrl, redactUrlsIn } from '../../../src/text/redact.js';
import { redactLogValue } from '../../../src/log.js';
import { FetchError } from '../../../src/net/types.js';

const slack = 'https://hooks.slack.com/services/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';

describe('redactUrl', () => {
  it('hides the password of the user info and keeps the user name', () => {
    expect(redactUrl('https://alerts:hunter2-secret@hooks.example.com/in')).toBe('https://alerts:***@hooks.example.com/in');
    expect(redactUrl('postgres://postgres:pw@127.0.0.1:5432/lanewatch')).toBe('postgres://postgres:***@127.0.0.1:5432/lanewatch');
  });

  it('hides a user name that is a token', () => {
    expect(redactUrl('https://ghp_AbCdEf0123456789XyZ@example.com/feed.xml')).toBe('https://***@example.com/feed.xml');
  });

  it("hides a Slack webhook's secret segment and keeps its ids", () => {
    expect(redactUrl(slack)).toBe('https://hooks.slack.com/services/T0123ABCD/B0456EFGH/***');
  });

  it('hides token-looking path segments and hex keys', () => {
    expect(redactUrl('https://example.com/hooks/0123456789abcdef0123456789abcdef/alert')).toBe('https://example.com/hooks/***/alert');
    expect(redactUrl('https://discord.com/api/webhooks/123456789012345678/Xy9_kLmN0pQrStUvWxYz-AbCdEf')).toBe('https://discord.com/api/webhooks/123456789012345678/***');
  });

  it('hides query values named like secrets or looking like tokens, and keeps the rest as written', () => {
    expect(redactUrl('https://example.com/feed.xml?token=abc&lang=en')).toBe('https://example.com/feed.xml?token=***&lang=en');
    expect(redactUrl('https://example.com/rss?api_key=x1&q=a%20b&sig=zz')).toBe('https://example.com/rss?api_key=***&q=a%20b&sig=***');
    expect(redactUrl('https://example.com/rss?u=Zm9vYmFyQmF6MTIzNDU2Nzg5')).toBe('https://example.com/rss?u=***');
    expect(redactUrl('https://example.com/rss?apiKey=x1&X-Amz-Signature=abc&keyword=ai')).toBe('https://example.com/rss?apiKey=***&X-Amz-Signature=***&keyword=ai');
  });

  it('leaves ordinary URLs alone: slugs, dates, ids', () => {
    for (const url of [
      'https://www.example.com/2025/09/10/openai-oracle-300-billion-deal-stargate/',
      'https://example.com/feed.xml?page=2&category=ai-compute',
      'https://news.example.org/article/12345678901234',
      'https://news.example.org/Reports/Report_2025_Q3_OpenAI_Deal_Summary.html',
      'postgres://postgres@127.0.0.1:5432/lwtest_mxb5q927_b27f98e0_demo',
      'https://example.com/OpenAIAndOracleSignCompute2025Deal',
      'http://127.0.0.1:8080/',
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('says so for text that is not a URL', () => {
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});

describe('looksLikeToken', () => {
  it('tells generated strings from words', () => {
    expect(looksLikeToken('q8Zt2LrX0vKpW4nYb7JcHs1M')).toBe(true);
    expect(looksLikeToken('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(looksLikeToken('openai-oracle-deal-2025-stargate')).toBe(false);
    expect(looksLikeToken('short1A')).toBe(false);
    expect(looksLikeToken('Xy9_kLmN0pQrStUvWxYz-AbCdEf')).toBe(true);
    expect(looksLikeToken('lwtest_mxb5q927_b27f98e0_demo')).toBe(false);
  });
});

describe('redactUrlsIn', () => {
  it('redacts every URL in a sentence and keeps the punctuation around it', () => {
    const text = `connect: https://u:pw@hooks.example.com/x (at ${slack}), then gave up.`;
    expect(redactUrlsIn(text)).toBe('connect: https://u:***@hooks.example.com/x (at https://hooks.slack.com/services/T0123ABCD/B0456EFGH/***), then gave up.');
  });

  it('leaves text without URLs untouched', () => {
    expect(redactUrlsIn('HTTP 500 from the receiver')).toBe('HTTP 500 from the receiver');
  });
});

describe('where URLs are shown', () => {
  it('a FetchError message (stored as feed health and delivery errors) is redacted; its url field is not', () => {
    const err = new FetchError('connect', `${slack}: cannot connect: ECONNREFUSED`, slack);
    expect(err.message).not.toContain('q8Zt2LrX0vKpW4nYb7JcHs1M');
    expect(err.message).toContain('https://hooks.slack.com/services/T0123ABCD/B0456EFGH/***');
    expect(err.url).toBe(slack);
  });

  it('log fields and nested errors are redacted', () => {
    const value = redactLogValue({ url: 'https://a:b@x.example/feed', nested: { list: [slack] }, err: new Error(`failed ${slack}`), n: 3 }) as Record<string, unknown>;
    const text = JSON.stringify(value);
    expect(text).not.toContain('q8Zt2LrX0vKpW4nYb7JcHs1M');
    expect(text).not.toContain('a:b@');
    expect(value.n).toBe(3);
  });

  it('the logger redacts fields, child bindings and the message', async () => {
    const { createLogger } = await import('../../../src/log.js');
    // createLogger writes to stdout; a logger built the same way over a capture stream checks what reaches the sink.
    expect(createLogger('silent').level).toBe('silent');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { logOptionsForTest, redactingStream } = await import('../../../src/log.js');
    const logger = pino(logOptionsForTest('info'), redactingStream((line) => sink.write(line)));
    logger.child({ feed: 'https://u:secretpw@feeds.example/rss' }).warn({ webhook: slack }, `delivery to ${slack} failed`);
    logger.error(new Error(`cannot reach https://u:secretpw@feeds.example/rss`));
    const out = lines.join('');
    expect(out).not.toContain('secretpw');
    expect(out).not.toContain('q8Zt2LrX0vKpW4nYb7JcHs1M');
    expect(out).toContain('hooks.slack.com/services/T0123ABCD/B0456EFGH/***');
    expect(lines).toHaveLength(2);
  });
});
