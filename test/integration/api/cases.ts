// One request per documented /api operation, each with the data it needs made fresh (a new deal, a new lane, a
// failed delivery), so that the same operation can be called with the token, with a session and with neither.
import { alertDeliveries } from '../../../src/db/schema.js';
import { approveDeal } from '../../../src/deals/review.js';
import { extracted, seedArticle, signIn, type ReviewFixture } from '../review/fixture.js';

export type Credentials = 'token' | 'session' | 'none';

export interface ApiCall {
  path: string;
  body?: unknown;
  /** The status the call answers with valid credentials. */
  status: number;
}

export interface ApiCase {
  method: 'get' | 'post' | 'patch';
  /** The path as the OpenAPI document spells it. */
  template: string;
  /** Makes the data the call needs; `actor` is who the credentials act as (undo is per reviewer). */
  prepare(actor: string): Promise<ApiCall>;
}

let seq = 0;

export function apiCases(fx: ReviewFixture): ApiCase[] {
  // A lab of its own each time: approving its deal opens a new lane and raises an alert.
  const freshDeal = async (over: Parameters<typeof extracted>[0] = {}) => {
    const lab = `Lab ${++seq} ${Math.random().toString(36).slice(2, 7)}`;
    const { dealIds, articleId } = await seedArticle(fx, [extracted({ lab, provider: 'Oracle', ...over })]);
    return { id: dealIds[0], articleId, lab };
  };
  const ctx = () => ({ db: fx.database.db, settings: fx.settings });
  return [
    { method: 'get', template: '/api/deals', prepare: async () => ({ path: '/api/deals?state=all&limit=5', status: 200 }) },
    { method: 'get', template: '/api/deals/approved.csv', prepare: async () => ({ path: '/api/deals/approved.csv', status: 200 }) },
    { method: 'get', template: '/api/deals/approved.json', prepare: async () => ({ path: '/api/deals/approved.json', status: 200 }) },
    { method: 'get', template: '/api/deals/{id}', prepare: async () => ({ path: `/api/deals/${(await freshDeal()).id}`, status: 200 }) },
    { method: 'patch', template: '/api/deals/{id}', prepare: async () => ({ path: `/api/deals/${(await freshDeal()).id}`, body: { hardware: 'GB200', version: 1 }, status: 200 }) },
    { method: 'post', template: '/api/deals/{id}/approve', prepare: async () => ({ path: `/api/deals/${(await freshDeal()).id}/approve`, body: {}, status: 200 }) },
    { method: 'post', template: '/api/deals/{id}/reject', prepare: async () => ({ path: `/api/deals/${(await freshDeal()).id}/reject`, body: { reason: 'not a deal' }, status: 200 }) },
    {
      method: 'post',
      template: '/api/deals/{id}/merge',
      prepare: async () => {
        const a = await freshDeal({ amount_usd: 10e9 });
        // Same pair, an amount too far apart to be clustered into one deal on the way in.
        const { dealIds } = await seedArticle(fx, [extracted({ lab: a.lab, provider: 'Oracle', amount_usd: 100e9 })]);
        return { path: `/api/deals/${dealIds[0]}/merge`, body: { into: a.id }, status: 200 };
      },
    },
    { method: 'post', template: '/api/deals/bulk-reject', prepare: async () => ({ path: '/api/deals/bulk-reject', body: { ids: [(await freshDeal()).id] }, status: 200 }) },
    {
      method: 'post',
      template: '/api/undo',
      prepare: async (actor) => {
        const { id } = await freshDeal();
        await approveDeal(ctx(), id, actor);
        return { path: '/api/undo', body: { deal_id: id }, status: 200 };
      },
    },
    { method: 'get', template: '/api/lanes', prepare: async () => ({ path: '/api/lanes', status: 200 }) },
    { method: 'get', template: '/api/alerts', prepare: async () => ({ path: '/api/alerts', status: 200 }) },
    {
      method: 'post',
      template: '/api/alerts/{id}/retry',
      prepare: async () => {
        const { id } = await freshDeal();
        const { alertId } = await approveDeal(ctx(), id, 'someone');
        if (alertId === null) throw new Error('approving a new pair raised no alert');
        await fx.database.db.insert(alertDeliveries).values({ alertId, channel: 'webhook', state: 'failed', attempts: 3, lastError: 'HTTP 500' });
        return { path: `/api/alerts/${alertId}/retry`, body: {}, status: 200 };
      },
    },
    { method: 'get', template: '/api/feeds', prepare: async () => ({ path: '/api/feeds', status: 200 }) },
    { method: 'get', template: '/api/articles/{id}', prepare: async () => ({ path: `/api/articles/${(await freshDeal()).articleId}`, status: 200 }) },
    { method: 'get', template: '/api/openapi.json', prepare: async () => ({ path: '/api/openapi.json', status: 200 }) },
  ];
}

export interface Session {
  cookie: string;
  csrf: string;
  user: string;
}

export async function newSession(fx: ReviewFixture): Promise<Session> {
  const user = `rev${++seq}`;
  const s = await signIn(fx, user, 'a long enough password');
  return { ...s, user };
}

/** The headers of a call with the given credentials (a session's changes carry its CSRF token, as the pages' do). */
export function headersFor(credentials: Credentials, session: Session, apiToken: string): Record<string, string> {
  if (credentials === 'token') return { authorization: `Bearer ${apiToken}` };
  if (credentials === 'session') return { cookie: session.cookie, 'x-csrf-token': session.csrf };
  return {};
}

/** Sends one call; the body is JSON when there is one. */
export async function send(fx: ReviewFixture, method: string, call: ApiCall, headers: Record<string, string>): Promise<{ status: number; type: string; text: string }> {
  const res = await fx.app.request(call.path, {
    method: method.toUpperCase(),
    headers: { ...headers, ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
