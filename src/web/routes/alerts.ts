// /alerts: every alert with each delivery's state, attempts and last error; digests; retry of failed deliveries.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { listAlerts, listDigests, retryFailedDeliveries, type DeliveryView } from '../../alerts/alert-list.js';
import { alertSendStatus } from '../../alerts/alert-status.js';
import { configuredChannels } from '../../alerts/channels/configured.js';
import { enqueuePendingDeliveries } from '../../alerts/deliveries.js';
import type { WebDeps } from '../deps.js';
import { parsePlainId } from '../ids.js';
import { viewer } from '../env.js';
import { formatDateTime, formatWait } from '../format.js';
import { csrfField, page, type Html } from '../layout.js';
import { alertStatusHtml, countdownScript } from '../views/alert-status.js';

const stateBadge: Record<DeliveryView['state'], string> = { pending: 'pending', processing: 'pending', succeeded: 'approved', failed: 'rejected', cancelled: 'merged' };

function deliveriesTable(deliveries: DeliveryView[]): Html {
  if (deliveries.length === 0) return html`<p class="small muted">No channel was configured when this was raised.</p>`;
  return html`<table class="data">
<thead><tr><th>channel</th><th>state</th><th class="num">attempts</th><th>delivered</th><th>last error</th><th>response</th></tr></thead>
<tbody>${deliveries.map(
    (d) =>
      html`<tr><td>${d.channel}</td><td><span class="badge ${stateBadge[d.state]}">${d.state}</span></td><td class="num">${d.attempts}</td><td>${formatDateTime(d.deliveredAt)}</td><td class="small">${d.lastError ?? ''}</td><td class="small mono">${d.responseExcerpt ?? ''}</td></tr>`,
  )}</tbody>
</table>`;
}

export function alertsRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const [alerts, digests] = await Promise.all([listAlerts(deps.db), listDigests(deps.db)]);
    if (c.req.query('format') === 'json' || (c.req.header('accept') ?? '').startsWith('application/json')) {
      return c.json({ alerts, digests });
    }
    const { csrf } = viewer(c);
    const channels = configuredChannels(deps.settings);
    const body = html`<div class="pagehead"><h1>Alerts</h1><span class="spacer"></span><a href="/api/alerts">JSON</a></div>
<p class="muted">Channels: ${channels.length ? channels.join(', ') : 'none configured'} · alert on: ${deps.settings.ALERT_ON} · undo window: ${deps.settings.ALERT_DELAY_SECONDS ? formatWait(deps.settings.ALERT_DELAY_SECONDS) : 'none'}${deps.settings.DIGEST_CRON ? html` · digest: <code>${deps.settings.DIGEST_CRON}</code>` : ''}</p>
${alerts.length === 0
  ? html`<div class="empty"><b>No alerts yet.</b> An alert is raised when an approved deal opens a new lane.</div>`
  : alerts.map(
      (a) => html`<section class="panel">
<h3>#${a.id} ${a.kind === 'new-lane' ? html`${alertStatusHtml(alertSendStatus(a, a.deliveries), a.id)} ` : ''}${a.provisional ? html`<span class="badge pending">unconfirmed</span> ` : ''}${a.withdrawnAt ? html`<span class="badge rejected">withdrawn</span> ` : ''}${a.kind === 'correction' ? html`<span class="badge merged">correction of #${a.correctsAlertId}</span> ` : ''}${a.message}</h3>
<p class="small muted">${formatDateTime(a.createdAt)}${a.dealId ? html` · <a href="/deals/${a.dealId}">deal #${a.dealId}</a>` : ''}</p>
${deliveriesTable(a.deliveries)}
${a.deliveries.some((d) => d.state === 'failed')
  ? html`<form method="post" action="/alerts/${a.id}/retry">${csrfField(csrf)}<button class="btn small" type="submit">Retry failed deliveries</button></form>`
  : ''}
</section>`,
    )}
${digests.length
  ? html`<h2>Digests</h2>${digests.map((d) => html`<section class="panel"><h3>${d.message}</h3><p class="small muted">${formatDateTime(d.periodStart)} – ${formatDateTime(d.periodEnd)}</p>${deliveriesTable(d.deliveries)}</section>`)}`
  : ''}
${countdownScript}`;
    return c.html(page('Alerts', body, { ...viewer(c), active: '/alerts' }));
  });

  // The CSRF token is checked by the middleware the app mounts this behind.
  app.post('/:id/retry', async (c) => {
    // Plain digits within PostgreSQL's integers: "0x20" or a larger number is no alert, not an error in SQL.
    const id = parsePlainId(c.req.param('id'));
    if (id === null) return c.text('not an alert id', 400);
    await retryFailedDeliveries(deps.db, id);
    await enqueuePendingDeliveries(deps.db, deps.queues).catch((err: Error) =>
      deps.logger.warn({ error: err.message, alert_id: id }, 'could not enqueue retried deliveries; the sweep will'),
    );
    return c.redirect('/alerts', 303);
  });

  return app;
}

export default alertsRoutes;
