// Reviewers: rows of the users table, plus LANEWATCH_USERS (user:hash,user:hash) from the settings.
import { eq } from 'drizzle-orm';
import type { Settings } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { dummyHash, hashPassword, isPasswordHash, verifyPassword } from './passwords.js';

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

export async function addUser(db: DbOrTx, username: string, password: string): Promise<'created' | 'updated'> {
  if (!usernamePattern.test(username)) throw new Error('a user name is 1-64 letters, digits, _ . @ or -');
  if (password.length < 8) throw new Error('the password must be at least 8 characters');
  const passwordHash = await hashPassword(password);
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  await db.insert(users).values({ username, passwordHash }).onConflictDoUpdate({ target: users.username, set: { passwordHash } });
  return existing.length ? 'updated' : 'created';
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
