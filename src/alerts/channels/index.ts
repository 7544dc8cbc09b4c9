// Every alert channel by name.
import { sendEmail } from './email.js';
import { sendLog } from './log.js';
import { sendSlack } from './slack.js';
import type { Channel, ChannelName } from './types.js';
import { sendWebhook } from './webhook.js';

export const channels: Record<ChannelName, Channel> = {
  webhook: sendWebhook,
  slack: sendSlack,
  email: sendEmail,
  log: sendLog,
};

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}
