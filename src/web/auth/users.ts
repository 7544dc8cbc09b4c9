// Reviewers: rows of the users table, plus LANEWATCH_USERS (user:hash,user:hash) from the settings.
import { eq } from 'drizzle-orm';
import type { Settings } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { dummyHash, hashPassword, isPasswordHash, verifyPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';

/** `users add` for a name that is taken: set-password changes a password, add never does. */
export class UserExistsError extends Error {
  override name = 'UserExistsError';
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

function checkNewCredentials(username: string, password: string): void {
  if (!usernamePattern.test(username)) throw new Error('a user name is 1-64 letters, digits, _ . @ or -');
  if (password.length < 8) throw new Error('the password must be at least 8 characters');
}

export const usernamePattern = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Parses LANEWATCH_USERS; throws naming the bad entry. */
export function parseUsersSetting(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!value) return out;
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    const name = entry.slice(0, at);
    const hash = entry.slice(at + 1);
    if (at <= 0 || !usernamePattern.test(name) || !isPasswordHash(hash)) {
      throw new Error(`LANEWATCH_USERS: "${entry.slice(0, 40)}" is not user:hash (make a hash with \`lanewatch users hash\`)`);
    }
    out.set(name, hash);
  }
  return out;
}

/** A new reviewer; UserExistsError when the name is taken (in the table or in LANEWATCH_USERS). */
export async function createUser(db: DbOrTx, settings: Pick<Settings, 'LANEWATCH_USERS'>, username: string, password: string): Promise<void> {
  checkNewCredentials(username, password);
  if (parseUsersSetting(settings.LANEWATCH_USERS).has(username)) throw new UserExistsError(`user ${username} exists (in the LANEWATCH_USERS setting)`);
  const passwordHash = await hashPassword(password);
  const inserted = await db.insert(users).values({ username, passwordHash }).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
  if (inserted.length === 0) throw new UserExistsError(`user ${username} exists; change the password with \`lanewatch users set-password ${username}\``);
}

/** Changes a reviewer's password and ends every session the user had; UnknownUserError when there is none. */
export async function setPassword(db: DbOrTx, username: string, password: string): Promise<{ sessionsEnded: number }> {
  checkNewCredentials(username, password);
  const passwordHash = await hashPassword(password);
  const updated = await db.update(users).set({ passwordHash }).where(eq(users.username, username)).returning({ id: users.id });
  if (updated.length === 0) throw new UnknownUserError(`there is no user ${username} in the database (users of LANEWATCH_USERS change there)`);
  return { sessionsEnded: await endSessionsOf(db, username) };
}

/** Removes a reviewer and ends every session the user had; UnknownUserError when there is none. */
export async function removeUser(db: DbOrTx, username: string): Promise<{ sessionsEnded: number }> {
  const gone = await db.delete(users).where(eq(users.username, username)).returning({ id: users.id });
  if (gone.length === 0) throw new UnknownUserError(`there is no user ${username} in the database`);
  return { sessionsEnded: await endSessionsOf(db, username) };
}

/**
 * Creates a reviewer or sets the password of an existing one (the demo and tests). A changed password ends the
 * user's sessions; setting the same password again keeps them.
 */
export async function addUser(db: DbOrTx, username: string, password: string): Promise<'created' | 'updated'> {
  checkNewCredentials(username, password);
  const [existing] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, username));
  if (!existing) {
    const passwordHash = await hashPassword(password);
    const inserted = await db.insert(users).values({ username, passwordHash }).onConflictDoNothing({ target: users.username }).returning({ id: users.id });
    if (inserted.length > 0) return 'created';
  } else if (await verifyPassword(password, existing.hash)) {
    return 'updated';
  }
  await setPassword(db, username, password);
  return 'updated';
}

/** The user name when the password is right, else null. Unknown users cost the same time as known ones. */
export async function checkLogin(db: DbOrTx, settings: Settings, username: string, password: string): Promise<string | null> {
  let hash: string | undefined;
  if (usernamePattern.test(username)) {
    hash = parseUsersSetting(settings.LANEWATCH_USERS).get(username);
    if (!hash) hash = (await db.select({ h: users.passwordHash }).from(users).where(eq(users.username, username)))[0]?.h;
  }
  const ok = await verifyPassword(password, hash ?? (await dummyHash()));
  return ok && hash ? username : null;
}
