// The digest: one message per DIGEST_CRON period with the new lanes and candidates, made once however often it runs.
import { CronExpressionParser } from 'cron-parser';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertDeliveries, digests } from '../../../src/db/schema.js';
import { DigestCronError, digestPeriod, runDigest } from '../../../src/alerts/digest.js';
import { waitFor } from './receivers.js';
import { useNotifiedHarness } from '../lanes/setup.js';

const cron = '0 8 * * *';
const h = useNotifiedHarness({ DIGEST_CRON: cron });
/** The 08:00 UTC that ends the period containing the rows this test makes. */
let periodEnd: Date;

beforeAll(() => {
  periodEnd = CronExpressionParser.parse(cron, { currentDate: new Date(), tz: 'UTC' }).next().toDate();
});

describe('digest periods', () => {
  it('is the span between the two latest fire times, a fire time of exactly now included', () => {
    const p = digestPeriod(cron, new Date('2026-05-09T08:00:00.000Z'));
    expect([p.start.toISOString(), p.end.toISOString()]).toEqual(['2026-05-08T08:00:00.000Z', '2026-05-09T08:00:00.000Z']);
    const q = digestPeriod(cron, new Date('2026-05-09T07:59:59.000Z'));
    expect(q.end.toISOString()).toBe('2026-05-08T08:00:00.000Z');
  });

  it('names a bad expression', () => {
    expect(() => digestPeriod('every day', new Date())).toThrow(DigestCronError);
    expect(() => digestPeriod('every day', new Date())).toThrow(/DIGEST_CRON "every day" is not a cron expression/);
  });
});

describe('runDigest', () => {
  it('sends one digest of the new lanes and candidates to the webhook, e-mail and log', async () => {
    const opened = await h.insertDeal({ lab: 'Anthropic', provider: 'SpaceX' });
    await h.approve(opened.id);
    await h.insertDeal({ lab: 'Cohere', provider: 'CoreWeave', amountUsd: 2e9, confidence: 0.7 });

    const result = await runDigest(h.ctx, periodEnd);
    expect(result).toMatchObject({ outcome: 'created', deliveries: 3 });
    const digestId = (result as { digestId: number }).digestId;
    const rows = await waitFor(async () => {
      const r = await h.db.db.select().from(alertDeliveries).where(eq(alertDeliveries.digestId, digestId));
      return r.length === 3 && r.every((x) => x.state === 'succeeded') ? r : undefined;
    }, 20_000, 'the digest deliveries');
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'log', 'webhook']);

    const hook = h.http.requests.filter((r) => r.path === '/hook' && (JSON.parse(r.body) as { event?: string }).event === 'digest');
    expect(hook).toHaveLength(1);
    const body = JSON.parse(hook[0].body) as { newLanes: { lab: string; provider: string; headline: string }[]; newCandidates: { lab: string; provider: string }[] };
    expect(body.newLanes).toEqual([expect.objectContaining({ lab: 'Anthropic', provider: 'SpaceX', headline: 'Anthropic added a third compute lane: SpaceX (after Google, Amazon)' })]);
    expect(body.newCandidates.map((c) => `${c.lab}→${c.provider}`)).toEqual(['Cohere→CoreWeave']);
    const mail = h.smtp.messages.filter((m) => m.raw.includes('lanewatch digest'));
    expect(mail).toHaveLength(1);
  });

  it('makes nothing more for the same period, even run twice at once', async () => {
    const again = await Promise.all([runDigest(h.ctx, periodEnd), runDigest(h.ctx, new Date(periodEnd.getTime() + 60_000))]);
    expect(again.map((r) => r.outcome)).toEqual(['already-done', 'already-done']);
    expect(await h.db.db.select().from(digests)).toHaveLength(1);
  });

  it('records an empty period without sending it', async () => {
    const weekAgo = new Date(periodEnd.getTime() - 7 * 86_400_000);
    const result = await runDigest(h.ctx, weekAgo);
    expect(result).toMatchObject({ outcome: 'created', deliveries: 0 });
  });

  it('does nothing when DIGEST_CRON is not set', async () => {
    expect(await runDigest({ ...h.ctx, settings: { ...h.settings, DIGEST_CRON: undefined } }, periodEnd)).toEqual({ outcome: 'disabled' });
  });
});
