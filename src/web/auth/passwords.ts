// Password hashes: scrypt from node:crypto, self-describing strings "scrypt$N$r$p$salt$hash" (base64), so that the
// cost can be raised later without breaking stored hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

// N=2^15, r=8, p=1: 32 MiB and tens of ms per check on an idle core. OWASP suggests N=2^17 (128 MiB) or N=2^15 with
// p=3; we stay at p=1 to keep sign-in fast on a small shared box. Stored hashes carry their parameters, so raising
// the cost later needs no migration.
const cost = { N: 32768, r: 8, p: 1 } as const;
const keyLength = 32;
// scrypt needs 128 * N * r bytes; the default maxmem (32 MiB) is exactly at the edge for N=2^15, so give room.
const maxmem = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new Error('the password must not be empty');
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, { ...cost, maxmem });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function isPasswordHash(text: string): boolean {
  return /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(text);
}

/** True when the password matches the hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!isPasswordHash(stored)) return false;
  const [, n, r, p, saltB64, keyB64] = stored.split('$');
  const expected = Buffer.from(keyB64, 'base64');
  const N = Number(n);
  // Refuse absurd parameters from a hand-edited setting rather than exhausting memory.
  if (N > 2 ** 20 || Number(r) > 32 || Number(p) > 16 || expected.length < 16) return false;
  try {
    const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}

/** A hash of nothing, checked when the user does not exist so that unknown and known names take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('lanewatch-dummy-password');
  return dummy;
}
