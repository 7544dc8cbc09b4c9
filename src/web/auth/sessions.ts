// Signed-in sessions: a random token in an HttpOnly cookie; the table keeps only its SHA-256 and the CSRF token.
import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';

/** A reviewer signs in about once a week: long enough not to annoy, short enough that a forgotten laptop expires. */
export const sessionLifetimeMs = 7 * 24 * 3600 * 1000;
export const sessionCookie = 'lw_session';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(db: DbOrTx, username: string): Promise<{ token: string; csrf: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + sessionLifetimeMs);
  await db.insert(sessions).values({ tokenHash: sha256(token), username, csrfToken: csrf, expiresAt });
  // Expired sessions are removed as new ones are made: no separate cleanup job needed.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token, csrf, expiresAt };
}

/** A live session; `inUsersTable` says whether its user is still a row of the users table (else only the setting can vouch). */
export async function findSession(db: DbOrTx, token: string | undefined): Promise<{ username: string; csrf: string; inUsersTable: boolean } | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ username: sessions.username, csrf: sessions.csrfToken, expiresAt: sessions.expiresAt, inUsersTable: sql<boolean>`(${users.id} is not null)` })
    .from(sessions)
    .leftJoin(users, eq(users.username, sessions.username))
    .where(eq(sessions.tokenHash, sha256(token)));
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  return { username: row.username, csrf: row.csrf, inUsersTable: row.inUsersTable };
}

/** Ends every session of a user (password changed, account removed); the number ended. */
export async function endSessionsOf(db: DbOrTx, username: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.username, username)).returning({ t: sessions.tokenHash });
  return gone.length;
}

export async function deleteSession(db: DbOrTx, token: string | undefined): Promise<void> {
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}
