// The alert's place in its undo window, as the deal card, the deal page and the Alerts page show it. While it waits,
// /static/countdown.js counts the seconds down in the page; the server's text is right at the moment it was rendered.
import { html } from 'hono/html';
import { alertSendLabel, type AlertSendStatus } from '../../alerts/alert-status.js';
import type { Html } from '../layout.js';

export function alertStatusHtml(status: AlertSendStatus, alertId: number, options: { prefix?: boolean } = {}): Html {
  const label = `${options.prefix ? `alert #${alertId} ` : ''}${alertSendLabel(status)}`;
  if (status.state === 'waiting') {
    return html`<span class="alert-status ${status.state}" data-send-after="${status.sendAfter.toISOString()}" data-prefix="${options.prefix ? `alert #${alertId} ` : ''}" title="Undo the approval before then and nothing is sent">${label}</span>`;
  }
  return html`<span class="alert-status ${status.state}">${label}</span>`;
}

export const countdownScript = html`<script src="/static/countdown.js" defer></script>`;
