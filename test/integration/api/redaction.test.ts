// The API shows what the pages show: a password or token in a feed URL, and a webhook or Slack URL quoted in a
// feed's or a delivery's error, read redacted in /api/feeds and /api/alerts (src/text/redact.ts), for the token and a
// session alike.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { alertDeliveries, alerts, feeds } from '../../../src/db/schema.js';
import { api, openFixture, signIn, type ReviewFixture } from '../review/fixture.js';

const slackSecret = 'q8Zt2LrX0vKpW4nYb7JcHs1M';
const slackUrl = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${slackSecret}`;
const feedUrl = 'https://reader:hunter2pass@news.example.com/rss?apikey=Zm9vYmFyQmF6MTIzNDU2Nzg5&lang=en';
let fx: ReviewFixture;
let cookie: string;

beforeAll(async () => {
  fx = await openFixture();
  ({ cookie } = await signIn(fx));
});
afterAll(async () => {
  await fx?.close();
});

describe('secrets in URLs in the API', () => {
  test('/api/feeds gives a feed URL and its last error without the password or token', async () => {
    await fx.database.db.insert(feeds).values({ url: feedUrl, title: 'Private feed', failures: 2, lastError: `connect: ${feedUrl}: cannot connect` });
    for (const headers of [undefined, { cookie }]) {
      const res = await api(fx, 'GET', '/api/feeds', undefined, headers);
      expect(res.status).toBe(200);
      const feed = (res.json.feeds as { title: string; url: string; last_error: string }[]).find((f) => f.title === 'Private feed');
      expect(feed?.url).toBe('https://reader:***@news.example.com/rss?apikey=***&lang=en');
      expect(feed?.last_error).toBe('connect: https://reader:***@news.example.com/rss?apikey=***&lang=en: cannot connect');
      expect(JSON.stringify(res.json)).not.toMatch(/hunter2pass|Zm9vYmFyQmF6MTIzNDU2Nzg5/);
    }
  });

  test("/api/alerts gives a delivery's error and answer without the webhook secret", async () => {
    const [alert] = await fx.database.db
      .insert(alerts)
      .values({ lab: 'Acme AI', provider: 'Newcloud', message: 'Acme AI added a compute lane: Newcloud', payload: { event: 'new-lane' } })
      .returning();
    await fx.database.db.insert(alertDeliveries).values({
      alertId: alert.id,
      channel: 'slack',
      state: 'failed',
      attempts: 3,
      lastError: `connect: ${slackUrl}: cannot connect: ECONNREFUSED`,
      responseExcerpt: `404 no such hook ${slackUrl}`,
    });
    const res = await api(fx, 'GET', '/api/alerts');
    expect(res.status).toBe(200);
    const shown = (res.json.alerts as { id: number; deliveries: { last_error: string; response_excerpt: string }[] }[]).find((a) => a.id === alert.id);
    expect(shown?.deliveries[0].last_error).toBe('connect: https://hooks.slack.com/services/T0123ABCD/B0456EFGH/***: cannot connect: ECONNREFUSED');
    expect(shown?.deliveries[0].response_excerpt).toBe('404 no such hook https://hooks.slack.com/services/T0123ABCD/B0456EFGH/***');
    expect(JSON.stringify(res.json)).not.toContain(slackSecret);
  });
});
