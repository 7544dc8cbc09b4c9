// Ids as people and programs send them: plain decimal digits only. Number() and z.coerce read "0x20" as 32,
// "1e3" as 1000 and " 1" as 1; an id in a URL or a form must name one row, spelled one way.
import { z } from 'zod';

/** The largest PostgreSQL integer: deal, alert and feed ids are `serial`. */
export const maxDbInt = 2_147_483_647;

/** Digits only, no sign, no leading zero; at most 16 digits so the number is exact in a double. */
export const plainIdPattern = /^[1-9][0-9]{0,15}$/;

export const plainIdMessage = 'must be a plain positive integer (digits only, no leading zero)';

/** The id a string holds, or null when it is not spelled as plain digits. A number above `max` is null too. */
export function parsePlainId(value: unknown, max = maxDbInt): number | null {
  if (typeof value !== 'string' || !plainIdPattern.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/** For a form field or query value: plain digits, within PostgreSQL's integers. */
export const plainIdField = z
  .string()
  .regex(plainIdPattern, plainIdMessage)
  .transform(Number)
  .pipe(z.number().max(maxDbInt, `at most ${maxDbInt}`));
