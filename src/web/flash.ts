// Notices after a form action ("Approved #12 …", "Not saved: …"). They travel from the POST to the next page in a
// short-lived cookie signed with a key derived from the session cookie, never in the address: a link cannot make
// the page show a notice, and one session cannot replay another's. A notice is one of a fixed set of codes with its
// values; its wording is made here.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { formatWait } from '../format.js';
import { sessionCookie } from './auth/sessions.js';

export const flashCookie = 'lw_flash';
/** A notice is for the page that follows the action; one left unread expires with the next minute. */
const flashMaxAgeSeconds = 60;
const maxDetail = 400;

const id = z.number().int().positive();
const name = z.string().max(200);

export const noticeSchema = z.discriminatedUnion('code', [
  // alert and alertDelaySeconds: the new lane's alert and its undo window (ALERT_DELAY_SECONDS; 0: sent at once).
  z.object({ code: z.literal('approved'), deal: id, lab: name, provider: name, laneOpened: z.boolean(), alert: id.optional(), alertDelaySeconds: z.number().int().min(0).optional() }),
  z.object({ code: z.literal('rejected'), deal: id, lab: name, provider: name }),
  z.object({ code: z.literal('saved'), deal: id, fields: z.array(z.string().max(40)).max(20) }),
  z.object({ code: z.literal('merged'), deal: id, into: id }),
  z.object({ code: z.literal('undone'), deal: id, action: z.string().max(40), lab: name, provider: name }),
  z.object({ code: z.literal('bulk-rejected'), count: z.number().int().min(0), skipped: z.number().int().min(0) }),
  // An action refused (a conflict, bad input, nothing to undo): the reason is the server's own message.
  z.object({ code: z.literal('refused'), deal: id.optional(), message: z.string().max(maxDetail) }),
]);
export type Notice = z.infer<typeof noticeSchema>;

/** Form field names as the page words them. */
const fieldWords: Record<string, string> = { amount_usd: 'amount', gigawatts: 'power' };

/** The sentence a notice shows. */
export function noticeText(n: Notice): string {
  switch (n.code) {
    case 'approved':
      return `Approved #${n.deal} ${n.lab} → ${n.provider}${n.laneOpened ? ` — a new lane is open${approvalAlert(n)}` : ''}.`;
    case 'rejected':
      return `Rejected #${n.deal} ${n.lab} → ${n.provider}.`;
    case 'saved':
      return `Saved #${n.deal}: ${n.fields.map((f) => fieldWords[f] ?? f).join(', ')}.`;
    case 'merged':
      return `Merged #${n.deal} into #${n.into}.`;
    case 'undone':
      return `Undid ${n.action} on #${n.deal} ${n.lab} → ${n.provider}.`;
    case 'bulk-rejected':
      return `Rejected ${n.count} candidate${n.count === 1 ? '' : 's'}${n.skipped ? ` (${n.skipped} skipped: no longer pending)` : ''}.`;
    case 'refused':
      return n.message;
  }
}

/** What happens to a new lane's alert: "; alert #7 goes out in 1 min unless you undo", or sent at once. */
function approvalAlert(n: Extract<Notice, { code: 'approved' }>): string {
  if (n.alert === undefined) return ' and its alert is queued';
  return n.alertDelaySeconds ? `; alert #${n.alert} goes out in ${formatWait(n.alertDelaySeconds)} unless you undo` : `; alert #${n.alert} is being sent`;
}

/** The deal a notice is about, to show it beside that deal's card. */
export function noticeDeal(n: Notice): number | null {
  return 'deal' in n && n.deal !== undefined ? n.deal : null;
}

/** Whether the notice offers Undo (the action it reports can be undone by undoing that deal's last action). */
export function noticeUndoable(n: Notice): boolean {
  return n.code === 'approved' || n.code === 'rejected' || n.code === 'saved' || n.code === 'merged';
}

export function isError(n: Notice): boolean {
  return n.code === 'refused';
}

function keyFor(sessionToken: string): Buffer {
  return createHash('sha256').update(`lanewatch flash\u0000${sessionToken}`).digest();
}

function sign(payload: string, sessionToken: string): string {
  return createHmac('sha256', keyFor(sessionToken)).update(payload).digest('base64url');
}

/** The cookie value for a notice: base64url(JSON) "." HMAC; exported for tests. */
export function sealNotice(n: Notice, sessionToken: string): string {
  const payload = Buffer.from(JSON.stringify(noticeSchema.parse(n))).toString('base64url');
  return `${payload}.${sign(payload, sessionToken)}`;
}

/** The notice in a cookie value, or null when it is malformed, unsigned, or signed for another session. */
export function openNotice(value: string | undefined, sessionToken: string | undefined): Notice | null {
  if (!value || !sessionToken || value.length > 4096) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(payload, sessionToken));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Leaves a notice for the next page of this session (call before the redirect); `secure` as the session cookie. */
export function setNotice(c: Context, n: Notice, secure: boolean): void {
  const token = getCookie(c, sessionCookie);
  if (!token) return;
  setCookie(c, flashCookie, sealNotice(n, token), { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: flashMaxAgeSeconds });
}

/** Reads and clears the notice left for this page, if any. */
export function takeNotice(c: Context): Notice | null {
  const value = getCookie(c, flashCookie);
  if (value === undefined) return null;
  deleteCookie(c, flashCookie, { path: '/' });
  return openNotice(value, getCookie(c, sessionCookie));
}

/** A refusal's reason, cut to what a cookie carries. */
export function refused(message: string, deal?: number): Notice {
  return { code: 'refused', message: message.length > maxDetail ? `${message.slice(0, maxDetail - 1)}…` : message, ...(deal !== undefined ? { deal } : {}) };
}
