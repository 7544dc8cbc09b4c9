// Which alert channels the settings turn on.
import type { Settings } from '../../config.js';
import type { ChannelName } from './types.js';

/** Every channel whose settings are present, in a fixed order. */
export function configuredChannels(s: Settings): ChannelName[] {
  const out: ChannelName[] = [];
  if (s.ALERT_WEBHOOK_URL) out.push('webhook');
  if (s.SLACK_WEBHOOK_URL) out.push('slack');
  if (s.SMTP_URL && s.ALERT_EMAIL_TO) out.push('email');
  if (s.ALERT_LOG) out.push('log');
  return out;
}

/** The channels a daily digest goes to: e-mail and the webhook (and the log, so that it is visible somewhere). */
export function digestChannels(s: Settings): ChannelName[] {
  return configuredChannels(s).filter((c) => c !== 'slack');
}
