// Every reviewer sees /feeds and /alerts: a token in a feed URL and a webhook or Slack URL quoted in a delivery
// error are shown redacted there (and the feed with a secret in its URL is not linked).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { alertDeliveries, alerts, feeds } from '../../../src/db/schema.js';
import { openFixture, signIn, type ReviewFixture } from './fixture.js';

const slackSecret = 'q8Zt2LrX0vKpW4nYb7JcHs1M';
const slackUrl = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${slackSecret}`;
let fx: ReviewFixture;
let cookie: string;

beforeAll(async () => {
  fx = await openFixture();
  ({ cookie } = await signIn(fx));
});
afterAll(async () => {
  await fx?.close();
});

describe('secrets in URLs on the pages', () => {
  test('/feeds shows a feed URL and its last error without the password or token', async () => {
    await fx.database.db.insert(feeds).values({
      url: 'https://reader:hunter2pass@news.example.com/rss?apikey=Zm9vYmFyQmF6MTIzNDU2Nzg5&lang=en',
      title: 'Private feed',
      failures: 2,
      lastError: 'connect: https://reader:hunter2pass@news.example.com/rss?apikey=Zm9vYmFyQmF6MTIzNDU2Nzg5&lang=en: cannot connect',
    });
    const res = await fx.app.request('/feeds', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Private feed');
    expect(html).not.toContain('hunter2pass');
    expect(html).not.toContain('Zm9vYmFyQmF6MTIzNDU2Nzg5');
    expect(html).toContain('reader:***@news.example.com/rss?apikey=***&amp;lang=en');
  });

  test('/alerts shows delivery errors and answers without the webhook secret', async () => {
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
    const res = await fx.app.request('/alerts', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Acme AI');
    expect(html).not.toContain(slackSecret);
    expect(html).toContain('hooks.slack.com/services/T0123ABCD/B0456EFGH/***');
  });
});
