// What every alert channel (webhook, Slack, e-mail, log) is given and gives back.
import type { Settings } from '../../config.js';
import type { Logger } from '../../log.js';

export const channelNames = ['webhook', 'slack', 'email', 'log'] as const;
export type ChannelName = (typeof channelNames)[number];

/** One message to send: an alert, a digest or a test, already rendered for every channel. */
export interface OutboundMessage {
  /** Stable id of what is sent ("alert-12", "digest-3", "test-…"); receivers use it to drop duplicates. */
  id: string;
  kind: 'alert' | 'digest' | 'test';
  subject: string;
  /** Plain text, for e-mail and the log. */
  text: string;
  /** HTML body for e-mail, everything escaped. */
  html: string;
  /** Slack Block Kit blocks (incoming webhook). */
  slackBlocks: Record<string, unknown>[];
  /** The JSON the generic webhook receives. */
  payload: Record<string, unknown>;
}

export interface ChannelContext {
  settings: Settings;
  logger: Logger;
}

export interface ChannelResult {
  /** The start of what the receiver answered, kept on the delivery row. */
  excerpt: string;
}

/** A delivery that did not go through; `excerpt` is what the receiver answered, if anything. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly excerpt: string | null = null,
    /** True when retrying cannot help (channel not configured). */
    readonly permanent = false,
  ) {
    super(message);
  }
}

export type Channel = (message: OutboundMessage, ctx: ChannelContext) => Promise<ChannelResult>;

/** Keeps the first bytes of a receiver's answer: enough to diagnose, never a whole HTML error page. */
export function excerptOf(text: string, max = 500): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
