// The log channel: the alert as one structured log line (ALERT_LOG=true), so an alert is never only in a database.
import type { Channel } from './types.js';

export const sendLog: Channel = async (message, ctx) => {
  ctx.logger.info({ alert: message.payload, message_id: message.id, kind: message.kind }, message.subject);
  return { excerpt: 'logged' };
};
