// Slack incoming webhook: a JSON POST of { text, blocks }; Slack answers 200 "ok".
import { postJson } from './webhook.js';
import { DeliveryError, type Channel } from './types.js';
import { escapeSlack } from '../render.js';

export const sendSlack: Channel = async (message, ctx) => {
  const url = ctx.settings.SLACK_WEBHOOK_URL;
  if (!url) throw new DeliveryError('SLACK_WEBHOOK_URL is not set', null, true);
  // `text` is the notification's fallback (and what screen readers get); the blocks carry the layout. It is mrkdwn:
  // a party name like "<!channel>" or "<https://x|y>" would ping everyone or become a link unless escaped.
  return postJson(url, JSON.stringify({ text: escapeSlack(message.subject), blocks: message.slackBlocks }), {}, ctx);
};
