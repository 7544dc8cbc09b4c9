// The generic webhook: a JSON POST, signed like Stripe's: X-Lanewatch-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
// of "<t>.<body>" under ALERT_WEBHOOK_SECRET>. Receivers recompute it and reject old timestamps (replays).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { fetchUrl } from '../../net/fetch.js';
import { FetchError } from '../../net/types.js';
import { DeliveryError, excerptOf, type Channel, type ChannelContext, type ChannelResult } from './types.js';

export const signatureHeader = 'x-lanewatch-signature';

/** A receiver's answer is read only this far: the excerpt is for diagnosis. */
const maxResponseBytes = 64 * 1024;
/** A webhook that has not answered in 10 s is treated as down; the queue retries it later. */
const timeoutMs = 10_000;

export function signWebhook(body: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** What a receiver does: true when the header carries a valid v1 signature of this body made within `toleranceSeconds`. */
export function verifyWebhookSignature(body: string, header: string, secret: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(eq + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  return (parts.get('v1') ?? []).some((v) => {
    const given = Buffer.from(v);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** POSTs JSON through lanewatch's HTTP client; any answer but 2xx is an error the queue retries. */
export async function postJson(url: string, body: string, headers: Record<string, string>, ctx: ChannelContext): Promise<ChannelResult> {
  let result;
  try {
    result = await fetchUrl(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
      maxBytes: maxResponseBytes,
      timeoutMs,
      allowPrivateNetworks: ctx.settings.ALLOW_PRIVATE_NETWORKS,
      // A receiver that redirects a POST is misconfigured; following it would re-send the alert elsewhere.
      maxRedirects: 0,
    });
  } catch (err) {
    if (err instanceof FetchError) {
      throw new DeliveryError(`${err.code}: ${err.message}`, null, err.code === 'bad-url' || err.code === 'blocked-address');
    }
    throw err;
  }
  const excerpt = excerptOf(`${result.status} ${result.body.toString('utf8')}`);
  if (result.status < 200 || result.status > 299) throw new DeliveryError(`receiver answered HTTP ${result.status}`, excerpt);
  return { excerpt };
}

export const sendWebhook: Channel = async (message, ctx) => {
  const url = ctx.settings.ALERT_WEBHOOK_URL;
  if (!url) throw new DeliveryError('ALERT_WEBHOOK_URL is not set', null, true);
  const body = JSON.stringify(message.payload);
  const headers: Record<string, string> = { 'x-lanewatch-event': String(message.payload.event ?? message.kind), 'x-lanewatch-id': message.id };
  if (ctx.settings.ALERT_WEBHOOK_SECRET) {
    headers[signatureHeader] = signWebhook(body, ctx.settings.ALERT_WEBHOOK_SECRET, Math.floor(Date.now() / 1000));
  }
  return postJson(url, body, headers, ctx);
};
