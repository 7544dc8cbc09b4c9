// A real app on a real database and Redis prefix for the review tests, plus helpers to sign in and seed deals.
import { decodeHTML } from 'entities';
import pino from 'pino';
import { loadSettings, type Settings } from '../../../src/config.js';
import { articles, feeds } from '../../../src/db/schema.js';
import { recordArticleDeals } from '../../../src/deals/record.js';
import type { ExtractedDeal } from '../../../src/extract/types.js';
import type { Queues } from '../../../src/queue.js';
import { createApp } from '../../../src/web/app.js';
import type { WebDeps } from '../../../src/web/deps.js';
import { addUser } from '../../../src/web/auth/users.js';
import { createTestDatabase, createTestPrefix, testRedisUrl, type TestDatabase } from '../../helpers/services.js';
import { testQueues } from '../../helpers/service-env.js';

export const apiToken = 'test-token-0123456789abcdef';

export interface ReviewFixture {
  database: TestDatabase;
  queues: Queues;
  settings: Settings;
  deps: WebDeps;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function openFixture(env: Record<string, string> = {}): Promise<ReviewFixture> {
  const database = await createTestDatabase();
  const prefix = createTestPrefix();
  const { queues, close: closeQueues } = testQueues(prefix.prefix);
  const settings = loadSettings({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl, QUEUE_PREFIX: prefix.prefix, LANEWATCH_TOKEN: apiToken, PUBLIC_URL: 'http://localhost', LOG_LEVEL: 'silent', ...env });
  const deps: WebDeps = {
    settings,
    db: database.db,
    queues,
    logger: pino({ level: 'silent' }),
    checkReady: async () => ({ postgres: true, redis: true }),
  };
  const app = createApp(deps);
  return {
    database,
    queues,
    settings,
    deps,
    app,
    async close() {
      await closeQueues();
      await prefix.cleanup();
      await database.drop();
    },
  };
}

/** The environment of a `lanewatch` command run against the fixture's database and prefix. */
export function cliEnv(fx: ReviewFixture): Record<string, string> {
  return { DATABASE_URL: fx.database.url, QUEUE_PREFIX: fx.settings.QUEUE_PREFIX, LOG_LEVEL: 'silent' };
}

let articleSeq = 0;

export function extracted(over: Partial<ExtractedDeal> = {}): ExtractedDeal {
  const evidence = over.evidence ?? `${over.lab ?? 'OpenAI'} signed a $300 billion deal with ${over.provider ?? 'Oracle'} for 4.5 gigawatts.`;
  return {
    lab: 'OpenAI',
    provider: 'Oracle',
    status: 'announced',
    kind: 'cloud',
    amount_usd: 300e9,
    gigawatts: 4.5,
    hardware: null,
    evidence,
    evidence_start: 0,
    evidence_end: evidence.length,
    confidence: 0.8,
    ...over,
  };
}

/** Stores an article (with its own feed) and records the given deals as extraction would. Returns the deal ids. */
export async function seedArticle(
  fx: ReviewFixture,
  deals: ExtractedDeal[],
  options: { title?: string; published?: Date; text?: string; outlet?: string } = {},
): Promise<{ articleId: number; dealIds: number[] }> {
  const n = ++articleSeq;
  const db = fx.database.db;
  const [feed] = await db
    .insert(feeds)
    .values({ url: `http://127.0.0.1/feeds/${n}-${Math.random()}.xml`, title: options.outlet ?? `Outlet ${n}` })
    .returning();
  const text = options.text ?? deals.map((d) => d.evidence).join(' ');
  const [article] = await db
    .insert(articles)
    .values({
      feedId: feed.id,
      url: `http://127.0.0.1/articles/${n}.html`,
      canonicalUrl: `http://127.0.0.1/articles/${n}-${Math.random()}.html`,
      title: options.title ?? `Article ${n}`,
      published: options.published ?? new Date('2025-09-10T12:00:00Z'),
      text,
      state: 'extracted',
    })
    .returning();
  const dealIds = await db.transaction((tx) => recordArticleDeals(tx, { id: article.id, published: article.published }, deals));
  return { articleId: article.id, dealIds };
}

/** Signs in through the real form; returns the cookie header and the CSRF token. */
export async function signIn(fx: ReviewFixture, username = 'ana', password = 'correct horse battery'): Promise<{ cookie: string; csrf: string }> {
  await addUser(fx.database.db, username, password);
  const res = await fx.app.request('/login', {
    method: 'POST',
    body: new URLSearchParams({ username, password, next: '/' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const pageRes = await fx.app.request('/', { headers: { cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(await pageRes.text())?.[1];
  if (!csrf) throw new Error('no CSRF token on the queue page');
  return { cookie, csrf };
}

export const bearer = { authorization: `Bearer ${apiToken}` };

export async function api(fx: ReviewFixture, method: string, path: string, body?: unknown, headers: Record<string, string> = bearer): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fx.app.request(path, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json };
}

/**
 * The notice a form action left for the next page: follows its redirect with the session and the notice cookie it
 * set, and returns the text of the page's notice (null when the page shows none).
 */
export async function noticeAfter(fx: ReviewFixture, res: Response, sessionCookie: string): Promise<string | null> {
  const location = res.headers.get('location');
  const flash = /lw_flash=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (!location || !flash) return null;
  return noticeOn(await (await fx.app.request(location, { headers: { cookie: `${sessionCookie}; ${flash}` } })).text());
}

/** The text of a page's notice, or null. */
export function noticeOn(page: string): string | null {
  const m = /<div class="flash[^"]*"[^>]*id="notice"[^>]*>([\s\S]*?)<\/div>/.exec(page);
  return m ? decodeHTML(m[1].replace(/<form[\s\S]*?<\/form>/g, '').replace(/<[^>]+>/g, '')).trim() : null;
}
