// `lanewatch alerts list [--json]`, `lanewatch alerts test`, `lanewatch alerts retry ID`.
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { alerts as alertsTable } from '../../db/schema.js';
import { redactUrlsIn } from '../../text/redact.js';
import { listAlerts, listDigests, retryFailedDeliveries, sendTestAlert, type DeliveryView } from '../../alerts/alert-list.js';
import { alertSendLabel, alertSendStatus } from '../../alerts/alert-status.js';
import { configuredChannels } from '../../alerts/channels/configured.js';
import { formatTime } from '../../format.js';
import { enqueuePendingDeliveries } from '../../alerts/deliveries.js';
import { settings } from '../../config.js';
import { log } from '../../log.js';
import { openCommandQueues, withContext } from '../context.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';

function deliveryLine(d: DeliveryView): string {
  const parts = [`${d.channel}: ${d.state}`, `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`];
  if (d.deliveredAt) parts.push(`delivered ${formatTime(d.deliveredAt)}`);
  if (d.lastError) parts.push(`last error: ${redactUrlsIn(d.lastError)}`);
  return `    ${parts.join(', ')}`;
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('New-lane alerts and their deliveries');

  alerts
    .command('list')
    .description('List alerts, newest first, with each delivery\'s state, attempts and last error')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many alerts', '100')
    .action(async (opts: { json?: boolean; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`lanewatch alerts list: --limit must be a positive whole number, got ${JSON.stringify(opts.limit)}`);
      await withContext(async (ctx) => {
        const list = await listAlerts(ctx.database.db, limit);
        const digestList = await listDigests(ctx.database.db);
        if (opts.json) {
          console.log(JSON.stringify({ alerts: list, digests: digestList }, null, 2));
          return;
        }
        if (list.length === 0) console.log('No alerts yet.');
        for (const a of list) {
          const marks = `${a.provisional ? '[unconfirmed] ' : ''}${a.withdrawnAt ? '[withdrawn] ' : ''}${a.kind === 'correction' ? `[correction of #${a.correctsAlertId}] ` : ''}`;
          console.log(printable(`#${a.id} ${formatTime(a.createdAt)} ${marks}${a.message}${a.kind === 'new-lane' ? ` (${alertSendLabel(alertSendStatus(a, a.deliveries))})` : ''}`));
          if (a.deliveries.length === 0) console.log('    (no channel was configured when it was raised)');
          for (const d of a.deliveries) console.log(printable(deliveryLine(d)));
        }
        for (const d of digestList) {
          console.log(printable(`digest #${d.id} ${formatTime(d.periodStart)} → ${formatTime(d.periodEnd)}: ${d.message}`));
          for (const x of d.deliveries) console.log(printable(deliveryLine(x)));
        }
      });
    });

  alerts
    .command('test')
    .description('Send a test alert to every configured channel now and report each one')
    .action(async () => {
      const s = settings();
      if (configuredChannels(s).length === 0) {
        throw new UsageError('lanewatch alerts test: no channel is configured (set ALERT_WEBHOOK_URL, SLACK_WEBHOOK_URL, SMTP_URL with ALERT_EMAIL_TO, or ALERT_LOG=true)');
      }
      const results = await sendTestAlert({ settings: s, logger: log() });
      for (const r of results) console.log(`${r.channel}: ${r.ok ? "ok" : "FAILED"} (${redactUrlsIn(r.detail)})`);
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });

  alerts
    .command('retry')
    .description('Send the failed deliveries of an alert again')
    .argument('<id>', 'alert id (see `lanewatch alerts list`)')
    .action(async (id: string) => {
      const alertId = Number(id);
      // Alert ids are PostgreSQL integers: a larger number is a usage error, not an out-of-range error from SQL.
      if (!Number.isInteger(alertId) || alertId < 1 || alertId > 2_147_483_647) throw new UsageError(`lanewatch alerts retry: ${JSON.stringify(id)} is not an alert id`);
      await withContext(async (ctx) => {
        const [known] = await ctx.database.db.select({ id: alertsTable.id }).from(alertsTable).where(eq(alertsTable.id, alertId));
        if (!known) {
          console.error(`lanewatch alerts retry: there is no alert ${alertId} (see \`lanewatch alerts list\`)`);
          process.exitCode = 1;
          return;
        }
        const n = await retryFailedDeliveries(ctx.database.db, alertId);
        const q = openCommandQueues(ctx.settings);
        try {
          await enqueuePendingDeliveries(ctx.database.db, q.queues);
        } finally {
          await q.close();
        }
        console.log(`alert ${alertId}: ${n} failed deliver${n === 1 ? 'y' : 'ies'} queued again`);
      });
    });
}
