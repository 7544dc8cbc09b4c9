// E-mail over SMTP with nodemailer: SMTP_URL (smtp:// or smtps://, credentials in the URL), to ALERT_EMAIL_TO.
import nodemailer from 'nodemailer';
import { DeliveryError, excerptOf, type Channel } from './types.js';

export const sendEmail: Channel = async (message, ctx) => {
  const { SMTP_URL, ALERT_EMAIL_TO, ALERT_EMAIL_FROM } = ctx.settings;
  if (!SMTP_URL || !ALERT_EMAIL_TO) throw new DeliveryError('SMTP_URL and ALERT_EMAIL_TO must both be set', null, true);
  const transport = nodemailer.createTransport({
    url: SMTP_URL,
    // A mail server that does not answer within these is down; the queue retries later. Values in ms.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: ALERT_EMAIL_FROM,
      to: ALERT_EMAIL_TO,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // Lets mail clients thread or drop a re-sent copy of the same alert.
      messageId: `<${message.id}.${Date.now()}@lanewatch>`,
      headers: { 'X-Lanewatch-Id': message.id },
    });
    return { excerpt: excerptOf(`${info.response ?? ''} ${info.messageId ?? ''}`) };
  } catch (err) {
    const e = err as Error & { response?: string; responseCode?: number };
    throw new DeliveryError(`SMTP: ${e.message}`, e.response ? excerptOf(e.response) : null);
  } finally {
    transport.close();
  }
};
