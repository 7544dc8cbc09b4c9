// Sign-in under attack and sessions that end with the account: a real app on a real database, and for the flood a
// real HTTP server on loopback, the bogus sign-ins from 127.0.0.1 and the reviewer's from 127.0.0.2.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addUser, removeUser, setPassword } from '../../../src/web/auth/users.js';
import { openFixture, type ReviewFixture } from './fixture.js';

let fx: ReviewFixture;
beforeAll(async () => {
  fx = await openFixture();
});
afterAll(async () => {
  await fx?.close();
});

/** The fixture's settings as the environment they were read from. */
function settingsEnv(f: ReviewFixture): Record<string, string> {
  return { DATABASE_URL: f.settings.DATABASE_URL, REDIS_URL: f.settings.REDIS_URL, QUEUE_PREFIX: f.settings.QUEUE_PREFIX, PUBLIC_URL: f.settings.PUBLIC_URL, LOG_LEVEL: 'silent' };
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

async function signInCookie(f: ReviewFixture, username: string, password: string): Promise<string> {
  const res = await f.app.request('/login', form({ username, password, next: '/' }));
  expect(res.status, `sign-in of ${username}`).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** True when the cookie still opens the review queue (a dead session is redirected to /login). */
async function sessionWorks(cookie: string): Promise<boolean> {
  const res = await fx.app.request('/', { headers: { cookie } });
  return res.status === 200;
}

describe('sessions end with the account', () => {
  test('changing a password ends every session of that user, not those of others', async () => {
    await addUser(fx.database.db, 'pat', 'first password here');
    await addUser(fx.database.db, 'quinn', 'quinn password here');
    const a = await signInCookie(fx, 'pat', 'first password here');
    const b = await signInCookie(fx, 'pat', 'first password here');
    const other = await signInCookie(fx, 'quinn', 'quinn password here');
    expect(await sessionWorks(a)).toBe(true);
    const r = await setPassword(fx.database.db, 'pat', 'second password here');
    expect(r.sessionsEnded).toBe(2);
    expect(await sessionWorks(a)).toBe(false);
    expect(await sessionWorks(b)).toBe(false);
    expect(await sessionWorks(other)).toBe(true);
    // The new password signs in; setting the same password again keeps that session.
    const c = await signInCookie(fx, 'pat', 'second password here');
    await addUser(fx.database.db, 'pat', 'second password here');
    expect(await sessionWorks(c)).toBe(true);
    await addUser(fx.database.db, 'pat', 'a third password');
    expect(await sessionWorks(c)).toBe(false);
  });

  test('removing a user ends every session of that user', async () => {
    await addUser(fx.database.db, 'rae', 'rae password here');
    const cookie = await signInCookie(fx, 'rae', 'rae password here');
    expect(await sessionWorks(cookie)).toBe(true);
    expect((await removeUser(fx.database.db, 'rae')).sessionsEnded).toBe(1);
    expect(await sessionWorks(cookie)).toBe(false);
    await expect(removeUser(fx.database.db, 'rae')).rejects.toThrow(/no user rae/);
  });
});

describe('sessions of LANEWATCH_USERS accounts', () => {
  test('a name dropped from the setting has no session any more', async () => {
    const { hashPassword } = await import('../../../src/web/auth/passwords.js');
    const { createApp } = await import('../../../src/web/app.js');
    const { loadSettings } = await import('../../../src/config.js');
    const entry = `wren:${await hashPassword('wren password here')}`;
    const withWren = loadSettings({ ...settingsEnv(fx), LANEWATCH_USERS: entry });
    const appWith = createApp({ ...fx.deps, settings: withWren });
    const login = await appWith.request('/login', form({ username: 'wren', password: 'wren password here', next: '/' }));
    expect(login.status).toBe(303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await appWith.request('/', { headers: { cookie } })).status).toBe(200);
    // The same database, the setting without wren (as after a restart with the name removed).
    const appWithout = createApp({ ...fx.deps, settings: loadSettings(settingsEnv(fx)) });
    expect((await appWithout.request('/', { headers: { cookie } })).status).toBe(303);
  });
});

describe('the sign-in lockout', () => {
  test('10 wrong passwords lock the name, then even the right one is refused (floods of names: unit test)', async () => {
    await addUser(fx.database.db, 'sam', 'sam password here');
    for (let i = 0; i < 10; i++) {
      const res = await fx.app.request('/login', form({ username: 'sam', password: `wrong ${i}` }));
      expect(res.status).toBe(401);
    }
    const locked = await fx.app.request('/login', form({ username: 'sam', password: 'sam password here' }));
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Too many failed attempts for this user');
  });
});

describe('the per-client limit', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: fx.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function post(fields: Record<string, string>, localAddress: string): Promise<{ status: number; cookie: string | null; retryAfter: string | null }> {
    const body = new URLSearchParams(fields).toString();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/login', method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: (res.headers['set-cookie'] ?? [])[0] ?? null, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  test("200 concurrent bogus sign-ins from one client are turned away and a reviewer's sign-in from another succeeds", async () => {
    await addUser(fx.database.db, 'tess', 'tess password here');
    const flood = Array.from({ length: 200 }, (_, i) => post({ username: `bogus-${i}`, password: 'guess' }, '127.0.0.1'));
    const real = post({ username: 'tess', password: 'tess password here', next: '/' }, '127.0.0.2');
    const [bogus, mine] = await Promise.all([Promise.all(flood), real]);
    expect(mine.status).toBe(303);
    expect(mine.cookie).toMatch(/^lw_session=/);
    const refused = bogus.filter((r) => r.status === 429);
    // Only a handful were checked at all (at most the per-client cap at once): the rest got 429 before any hashing.
    expect(refused.length).toBeGreaterThanOrEqual(170);
    expect(bogus.every((r) => r.status === 429 || r.status === 401)).toBe(true);
    expect(refused.every((r) => Number(r.retryAfter) >= 1)).toBe(true);
  });
});

describe('the session cookie', () => {
  test('an upper-case HTTPS:// PUBLIC_URL keeps the cookie Secure', async () => {
    const secureFx = await openFixture({ PUBLIC_URL: 'HTTPS://review.example.com' });
    try {
      await addUser(secureFx.database.db, 'uma', 'uma password here');
      const res = await secureFx.app.request('/login', form({ username: 'uma', password: 'uma password here', next: '/' }));
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await secureFx.close();
    }
  });
});
