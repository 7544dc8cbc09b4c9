// What the lanes integration tests share: a database and queue prefix of their own, the channel receivers, a role
// context for the notifier, the baseline loaded, and helpers to store and approve deals the way the review does.
import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { JobsOptions } from 'bullmq';
import { afterAll, beforeAll } from 'vitest';
import { loadSettings, type Settings } from '../../../src/config.js';
import { alertDeliveries, alerts, articles, deals, lanes, type Alert, type AlertDelivery, type Deal, type Lane } from '../../../src/db/schema.js';
import { extractArticle } from '../../../src/page/index.js';
import { extractDeals } from '../../../src/extract/index.js';
import { recordArticleDeals } from '../../../src/deals/record.js';
import { approveDeal } from '../../../src/deals/review.js';
import type { ExtractedDeal } from '../../../src/extract/types.js';
import { importBaseline, parseBaselineCsv } from '../../../src/lanes/baseline.js';
import { onCandidatesStored } from '../../../src/lanes/candidate.js';
import { enqueuePendingDeliveries } from '../../../src/alerts/deliveries.js';
import { openQueues, producerConnection, queueNames, workerConnection, type Queues } from '../../../src/queue.js';
import type { RoleContext, RunningRole } from '../../../src/role.js';
import { startNotifier } from '../../../workers/notifier.js';
import { closeFetchAgents } from '../../../src/net/fetch.js';
import { createTestDatabase, createTestPrefix, testRedisUrl, type TestDatabase } from '../../helpers/services.js';
import { capturingLogger, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type ReceivedRequest, type SmtpReceiver } from '../alerts/receivers.js';

/** Retries 200 ms apart instead of the production backoff (10 s doubling), so that a test waits seconds, not minutes. */
export const fastRetry: JobsOptions = { backoff: { type: 'fixed', delay: 200 } };

export const webhookSecret = 'test-webhook-secret-0123456789';

export interface LanesHarness {
  db: TestDatabase;
  settings: Settings;
  queues: Queues;
  http: HttpReceiver;
  smtp: SmtpReceiver;
  logLines: Record<string, unknown>[];
  ctx: RoleContext;
  /** Stores a candidate deal directly (with one source article), as extraction would. */
  insertDeal(values: { lab: string; provider: string; amountUsd?: number | null; confidence?: number; evidence?: string }): Promise<Deal>;
  /** Approves through the review's approveDeal (which calls onDealApproved in its transaction), then enqueues. */
  approve(dealId: number, options?: { enqueue?: boolean }): Promise<{ laneOpened: boolean; alertId: number | null }>;
  enqueue(): Promise<number>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<Record<keyof Settings, string>> = {}): Promise<LanesHarness> {
  const db = await createTestDatabase();
  const prefix = createTestPrefix();
  const http = await startHttpReceiver();
  const smtp = await startSmtpReceiver();
  const { logger, lines } = capturingLogger();
  const settings = loadSettings(
    {},
    {
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix.prefix,
      ALERT_WEBHOOK_URL: http.url('/hook'),
      ALERT_WEBHOOK_SECRET: webhookSecret,
      SLACK_WEBHOOK_URL: http.url('/slack'),
      SMTP_URL: smtp.url,
      ALERT_EMAIL_TO: 'analyst@example.test',
      ALERT_LOG: 'true',
      // The receivers listen on 127.0.0.1, which the HTTP client refuses unless told otherwise.
      ALLOW_PRIVATE_NETWORKS: 'true',
      PUBLIC_URL: 'https://lanewatch.example',
      // A killed notifier's job comes back after the lock expires: keep that short in tests.
      JOB_LOCK_SECONDS: '5',
      // Sent at once unless a test is about the undo window (undo-window.test.ts).
      ALERT_DELAY_SECONDS: '0',
      ...overrides,
    },
  );
  const producer = producerConnection(testRedisUrl);
  producer.on('error', () => {});
  const queues = openQueues(producer, prefix.prefix);
  const opened: ReturnType<typeof workerConnection>[] = [];
  const ctx: RoleContext = {
    settings,
    roles: ['notifier'],
    database: db,
    queues,
    logger,
    workerConnection() {
      const c = workerConnection(testRedisUrl);
      c.on('error', () => {});
      opened.push(c);
      return c;
    },
  };

  const csv = await readFile(new URL('../../../config/lanes.csv', import.meta.url), 'utf8');
  await db.db.transaction((tx) => importBaseline(tx, parseBaselineCsv(csv, 'config/lanes.csv')));

  let articleSeq = 0;
  const harness: LanesHarness = {
    db,
    settings,
    queues,
    http,
    smtp,
    logLines: lines,
    ctx,
    async insertDeal(values) {
      articleSeq++;
      const evidence = values.evidence ?? `${values.lab} signed a compute deal with ${values.provider}.`;
      return db.db.transaction(async (tx) => {
        const [article] = await tx
          .insert(articles)
          .values({ url: `https://news.example/${articleSeq}`, canonicalUrl: `https://news.example/${articleSeq}`, title: `Story ${articleSeq}`, text: evidence, state: 'extracted' })
          .returning();
        const found: ExtractedDeal = {
          lab: values.lab,
          provider: values.provider,
          status: 'announced',
          kind: 'cloud',
          amount_usd: values.amountUsd ?? null,
          gigawatts: null,
          hardware: null,
          evidence,
          evidence_start: 0,
          evidence_end: evidence.length,
          confidence: values.confidence ?? 0.9,
        };
        // Each call is its own deal (not clustered into an earlier one): a distinct report date per call.
        const [id] = await recordArticleDeals(tx, { id: article.id, published: new Date(Date.UTC(2026, 0, 1) + articleSeq * 30 * 86_400_000) }, [found]);
        // As the extractor does: a no-op unless ALERT_ON=candidate.
        await onCandidatesStored(tx, [id], settings);
        const [deal] = await tx.select().from(deals).where(eq(deals.id, id));
        return deal;
      });
    },
    async approve(dealId, options = {}) {
      // The review's own approval (one transaction: lock, approve, onDealApproved, audit); no queues given, so that
      // the test enqueues with a short retry backoff itself.
      const { laneOpened, alertId } = await approveDeal({ db: db.db, settings }, dealId, 'test-reviewer');
      if (options.enqueue !== false) await harness.enqueue();
      return { laneOpened, alertId };
    },
    enqueue: () => enqueuePendingDeliveries(db.db, queues, fastRetry),
    async close() {
      await queues.close();
      producer.disconnect();
      for (const c of opened) c.disconnect();
      await http.close();
      await smtp.close();
      await closeFetchAgents();
      await prefix.cleanup();
      await db.drop();
    },
  };
  return harness;
}

export interface NotifiedHarness extends LanesHarness {
  /** Stops the notifier, to test what happens while none runs; startNotifier starts it again (a no-op if it runs). */
  stopNotifier(): Promise<void>;
  startNotifier(): Promise<void>;
}

/**
 * The set-up of a file (or a describe) that sends alerts: beforeAll starts a harness with `overrides` and a notifier,
 * afterAll closes both. The returned object stands for that harness; use it only in tests and hooks.
 */
export function useNotifiedHarness(overrides: Partial<Record<keyof Settings, string>> = {}): NotifiedHarness {
  let current: NotifiedHarness | undefined;
  beforeAll(async () => {
    const h = await startHarness(overrides);
    let notifier: RunningRole | null = await startNotifier(h.ctx);
    const stop = async () => {
      await notifier?.close();
      notifier = null;
    };
    current = {
      ...h,
      stopNotifier: stop,
      async startNotifier() {
        notifier ??= await startNotifier(h.ctx);
      },
      async close() {
        await stop();
        await h.close();
      },
    };
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as NotifiedHarness, {
    get(_target, key) {
      if (!current) throw new Error(`the lanes harness was used outside its tests (reading ${String(key)})`);
      return current[key as keyof NotifiedHarness];
    },
  });
}

/** The seed article through the real pipeline functions: page → main text (extractArticle) → deals (extractDeals) → stored. */
export async function storeSeedArticle(h: LanesHarness): Promise<number[]> {
  const html = await readFile(new URL('../../fixtures/corpus/seed/articles/seed-001.html', import.meta.url), 'utf8');
  const url = 'https://seed.example/the-alliance-map-is-dead';
  const page = extractArticle(html, url);
  const found = extractDeals(page.text, { title: page.title, published: page.published, url });
  return storeArticleDeals(h, page, found);
}

export async function storeArticleDeals(h: LanesHarness, page: { title: string | null; text: string; published: string | null }, found: ExtractedDeal[]): Promise<number[]> {
  return h.db.db.transaction(async (tx) => {
    const [article] = await tx
      .insert(articles)
      .values({
        url: 'https://seed.example/the-alliance-map-is-dead',
        canonicalUrl: 'https://seed.example/the-alliance-map-is-dead',
        title: page.title,
        text: page.text,
        published: page.published ? new Date(page.published) : new Date('2026-05-09T00:00:00Z'),
        state: 'extracted',
      })
      .returning();
    return recordArticleDeals(tx, { id: article.id, published: article.published }, found);
  });
}

/** What the lanes tests look up: a pair's lane and alerts, an alert's delivery rows, the deliver-alert queue. */
export async function laneOf(h: LanesHarness, lab: string, provider: string): Promise<Lane | undefined> {
  const [lane] = await h.db.db.select().from(lanes).where(and(eq(lanes.lab, lab), eq(lanes.provider, provider)));
  return lane;
}

export async function alertsOf(h: LanesHarness, lab: string, provider: string): Promise<Alert[]> {
  return h.db.db.select().from(alerts).where(and(eq(alerts.lab, lab), eq(alerts.provider, provider))).orderBy(alerts.id);
}

export async function deliveriesOf(h: LanesHarness, alertId: number): Promise<AlertDelivery[]> {
  return h.db.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId)).orderBy(alertDeliveries.channel);
}

/** The alert's delivery rows once all four channels have it, else undefined (for waitFor). */
export async function allDelivered(h: LanesHarness, alertId: number): Promise<AlertDelivery[] | undefined> {
  const rows = await deliveriesOf(h, alertId);
  return rows.length === 4 && rows.every((r) => r.state === 'succeeded') ? rows : undefined;
}

export async function queueIdle(h: LanesHarness): Promise<boolean> {
  const counts = await h.queues.queue(queueNames.deliverAlert).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

/** Webhook requests that carried this alert. */
export function hooksFor(h: LanesHarness, alertId: number): ReceivedRequest[] {
  return h.http.requests.filter((r) => r.path === '/hook' && (JSON.parse(r.body) as { alertId?: number }).alertId === alertId);
}
