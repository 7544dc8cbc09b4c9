// `lanewatch deals list|show|approve|reject|edit|merge|undo`: the review queue from a terminal, --json everywhere.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { dealKinds, dealStatuses, reviewStates } from '../../db/schema.js';
import { dealEditSchema, editFromStrings, toDealEdit } from '../../deals/edit.js';
import { DealNotFoundError, ReviewConflictError, ReviewInputError } from '../../deals/errors.js';
import { dealFilterSchema, dealJson, eventJson, getDeal, listDeals, type DealListItem } from '../../deals/queries.js';
import { approveDeal, editDeal, mergeDeal, rejectDeal, undoLastAction, type ReviewContext } from '../../deals/review.js';
import { log } from '../../log.js';
import { formatConfidence, formatDate, formatGw, formatTime, formatUsd } from '../../format.js';
import { openCommandQueues, withContext, type CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { oneLine, printable } from '../printable.js';
import { parseLooseNumber } from '../../deals/edit.js';

function actorOf(opts: { as?: string }): string {
  if (opts.as) return opts.as;
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function parseId(text: string, what = 'ID'): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) === 0) throw new UsageError(`lanewatch deals: ${what} must be a deal number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

function listText(items: DealListItem[], total: number): string {
  if (items.length === 0) return 'No deals match.';
  const rows = [['id', 'lab → provider', 'kind', 'status', 'amount', 'power', 'conf', 'src', 'state', 'lane']];
  for (const d of items) {
    rows.push([String(d.id), `${oneLine(d.lab)} → ${oneLine(d.provider)}`, d.kind, d.status, formatUsd(d.amountUsd), formatGw(d.gigawatts), formatConfidence(d.confidence), String(d.sourceCount), d.reviewState, d.newLane ? 'NEW' : '']);
  }
  return `${table(rows)}\n${items.length < total ? `(${items.length} of ${total}; use --limit/--offset)` : `${total} deal${total === 1 ? '' : 's'}`}`;
}

/**
 * Runs a review action with the services open, mapping review errors to clear messages and exit codes. The action
 * is committed in PostgreSQL first; when Redis then does not answer, the alerts it raised stay in the outbox for the
 * service's sweep, and the command says so and exits 1 after a bounded wait.
 */
async function runAction(json: boolean, fn: (review: ReviewContext, ctx: CommandContext) => Promise<{ text: string; json: unknown }>): Promise<void> {
  await withContext(async (ctx) => {
    const q = openCommandQueues(ctx.settings);
    try {
      const out = await fn({ db: ctx.database.db, settings: ctx.settings, queues: q.queues, logger: log() }, ctx);
      const unreachable = q.failure();
      if (json) {
        console.log(JSON.stringify(unreachable ? { ...(out.json as object), queued: false, warning: unreachable.message } : out.json, null, 2));
      } else {
        console.log(printable(out.text));
      }
      if (unreachable) {
        console.error(`lanewatch deals: done and saved, but its alerts are not queued: ${unreachable.message}. They wait in the outbox; the running service's sweep sends them once Redis is back.`);
        process.exitCode = 1;
      }
    } catch (err) {
      if (err instanceof ReviewInputError) throw new UsageError(`lanewatch deals: ${err.message}`);
      if (err instanceof DealNotFoundError || err instanceof ReviewConflictError) {
        if (json) console.log(JSON.stringify({ error: err instanceof DealNotFoundError ? 'not_found' : 'conflict', message: err.message }));
        else console.error(`lanewatch deals: ${err.message}`);
        process.exitCode = 1;
        return;
      }
      throw err;
    } finally {
      await q.close().catch(() => {});
    }
  });
}

export function registerDeals(program: Command): void {
  const deals = program.command('deals').description('Review candidate deals: list, show, approve, reject, edit, merge, undo');

  deals
    .command('list')
    .description('List deals (the pending queue by default: new lanes first, then confidence, then recency)')
    .option('--state <state>', `${reviewStates.join('|')}|all`, 'pending')
    .option('--lab <name>', 'only this lab')
    .option('--provider <name>', 'only this provider')
    .option('--kind <kind>', dealKinds.join('|'))
    .option('--status <status>', dealStatuses.join('|'))
    .option('-q, --search <text>', 'search parties, hardware, evidence and titles')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print JSON')
    .action(async (opts: { state: string; lab?: string; provider?: string; kind?: string; status?: string; search?: string; limit: string; offset: string; json?: boolean }) => {
      const parsed = dealFilterSchema.safeParse({ state: opts.state, lab: opts.lab, provider: opts.provider, kind: opts.kind, status: opts.status, q: opts.search, limit: opts.limit, offset: opts.offset });
      if (!parsed.success) throw new UsageError(`lanewatch deals list: ${parsed.error.issues.map((i) => `--${String(i.path[0]).replace('q', 'search')}: ${i.message}`).join('; ')}`);
      await withContext(async (ctx) => {
        const { items, total } = await listDeals(ctx.database.db, parsed.data);
        console.log(opts.json ? JSON.stringify({ total, items: items.map((d) => dealJson(d)) }, null, 2) : printable(listText(items, total)));
      });
    });

  deals
    .command('show')
    .argument('<id>', 'deal number')
    .description('Show one deal with its sources, disagreements and review history')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { json?: boolean }) => {
      const id = parseId(idText);
      await withContext(async (ctx) => {
        const d = await getDeal(ctx.database.db, id);
        if (!d) {
          console.error(`lanewatch deals: deal ${id} not found`);
          process.exitCode = 1;
          return;
        }
        if (opts.json) {
          console.log(JSON.stringify({ ...dealJson(d), disagreements: d.disagreements, events: d.events.map(eventJson) }, null, 2));
          return;
        }
        // Every value from a feed, a page or a reviewer is shown on its own line only where the layout puts it.
        const v = (text: string | null | undefined) => oneLine(text ?? '');
        const lines = [
          `#${d.id}  ${v(d.lab)} → ${v(d.provider)}  [${d.reviewState}]${d.newLane && d.reviewState === 'pending' ? '  approving opens a NEW LANE' : ''}`,
          `kind ${d.kind} · status ${d.status} · amount ${formatUsd(d.amountUsd)} · power ${formatGw(d.gigawatts)} · hardware ${d.hardware === null ? '—' : v(d.hardware)} · confidence ${formatConfidence(d.confidence)} · version ${d.version}`,
          ...(d.reviewer ? [`reviewed by ${v(d.reviewer)}${d.rejectReason ? `: ${v(d.rejectReason)}` : ''}`] : []),
          ...(d.mergedInto ? [`merged into #${d.mergedInto}`] : []),
          ...d.disagreements.map((x) => `sources disagree on ${x.field}: ${x.values.map((y) => `${v(String(y.value))} (${y.count})`).join(' vs ')}`),
          '',
          `sources (${d.sources.length}):`,
          ...d.sources.map((s) => `  - ${v(s.evidence)}\n    ${v(s.outlet)} ${s.published ? formatDate(s.published) : ''} ${v(s.articleUrl)}`),
          '',
          `history (${d.events.length}):`,
          ...d.events.map((e) => `  ${formatTime(e.createdAt)}  ${v(e.actor)}  ${e.action}${e.undoneAt ? ' (undone)' : ''}${e.note ? `  ${v(e.note)}` : ''}`),
        ];
        console.log(printable(lines.join('\n')));
      });
    });

  deals
    .command('approve')
    .argument('<id>', 'deal number')
    .description('Approve a pending candidate (opens a lane and alerts when the pair is new)')
    .option('--as <name>', 'reviewer name recorded in the history (default cli:$USER)')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { as?: string; json?: boolean }) => {
      const id = parseId(idText);
      await runAction(!!opts.json, async (review) => {
        const r = await approveDeal(review, id, actorOf(opts));
        return { text: `Approved #${id} ${oneLine(r.deal.lab)} → ${oneLine(r.deal.provider)}${r.laneOpened ? ` — new lane opened${r.alertId ? ` (alert ${r.alertId})` : ''}` : ''}.`, json: { deal: dealJson(r.deal), lane_opened: r.laneOpened, alert_id: r.alertId } };
      });
    });

  deals
    .command('reject')
    .argument('<id>', 'deal number')
    .description('Reject a pending candidate')
    .option('--reason <text>', 'why (kept in the history)')
    .option('--as <name>', 'reviewer name recorded in the history (default cli:$USER)')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { reason?: string; as?: string; json?: boolean }) => {
      const id = parseId(idText);
      if (opts.reason && opts.reason.length > 500) throw new UsageError('lanewatch deals reject: --reason is at most 500 characters');
      await runAction(!!opts.json, async (review) => {
        const d = await rejectDeal(review, id, actorOf(opts), opts.reason ?? null);
        return { text: `Rejected #${id} ${oneLine(d.lab)} → ${oneLine(d.provider)}.`, json: { deal: dealJson(d) } };
      });
    });

  deals
    .command('edit')
    .argument('<id>', 'deal number')
    .description('Change fields of a deal (amounts accept 300b, 1.5t, $38 billion; power accepts 4.5, 500mw; "" clears)')
    .option('--lab <name>')
    .option('--provider <name>')
    .option('--kind <kind>', dealKinds.join('|'))
    .option('--status <status>', dealStatuses.join('|'))
    .option('--amount <usd>', 'amount in USD')
    .option('--gigawatts <gw>', 'power in GW')
    .option('--hardware <name>')
    .option('--as <name>', 'reviewer name recorded in the history (default cli:$USER)')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { lab?: string; provider?: string; kind?: string; status?: string; amount?: string; gigawatts?: string; hardware?: string; as?: string; json?: boolean }) => {
      const id = parseId(idText);
      for (const [flag, value] of [['--amount', opts.amount], ['--gigawatts', opts.gigawatts]] as const) {
        if (value !== undefined && parseLooseNumber(value) === undefined) {
          const negative = /^\s*-\s*\$?\d/.test(value);
          throw new UsageError(`lanewatch deals edit: ${flag} must be a non-negative number${flag === '--amount' ? ' (300b, 1.5t, $38 billion)' : ' of gigawatts (4.5, 500mw)'}${negative ? '' : ' or "" to clear it'}, got ${JSON.stringify(value)}`);
        }
      }
      const raw = editFromStrings({ lab: opts.lab, provider: opts.provider, kind: opts.kind, status: opts.status, amount_usd: opts.amount, gigawatts: opts.gigawatts, hardware: opts.hardware });
      const parsed = dealEditSchema.safeParse(raw);
      if (!parsed.success) {
        const flag = (p: PropertyKey | undefined) => (p === 'amount_usd' ? '--amount' : p === undefined ? '' : `--${String(p)}`);
        throw new UsageError(`lanewatch deals edit: ${parsed.error.issues.map((i) => `${flag(i.path[0]) || 'fields'}: ${i.message}`).join('; ')}`);
      }
      await runAction(!!opts.json, async (review) => {
        const d = await editDeal(review, id, actorOf(opts), toDealEdit(parsed.data));
        return { text: `Saved #${id}: ${Object.keys(parsed.data).join(', ')}.`, json: { deal: dealJson(d) } };
      });
    });

  deals
    .command('merge')
    .argument('<id>', 'the duplicate candidate')
    .requiredOption('--into <id>', 'the candidate it is the same deal as')
    .description('Merge a candidate into another: its sources move there')
    .option('--as <name>', 'reviewer name recorded in the history (default cli:$USER)')
    .option('--json', 'print JSON')
    .action(async (idText: string, opts: { into: string; as?: string; json?: boolean }) => {
      const id = parseId(idText);
      const into = parseId(opts.into, '--into');
      await runAction(!!opts.json, async (review) => {
        const r = await mergeDeal(review, id, into, actorOf(opts));
        return { text: `Merged #${id} into #${into} (${oneLine(r.into.lab)} → ${oneLine(r.into.provider)}).`, json: { deal: dealJson(r.deal), into: dealJson(r.into) } };
      });
    });

  deals
    .command('undo')
    .description('Undo your last review action (on one deal with --deal)')
    .option('--deal <id>', 'only an action on this deal')
    .option('--as <name>', 'reviewer name whose action to undo (default cli:$USER)')
    .option('--json', 'print JSON')
    .action(async (opts: { deal?: string; as?: string; json?: boolean }) => {
      const dealId = opts.deal ? parseId(opts.deal, '--deal') : undefined;
      await runAction(!!opts.json, async (review) => {
        const r = await undoLastAction(review, actorOf(opts), dealId);
        return { text: `Undid ${r.undone.action} on #${r.deal.id} ${oneLine(r.deal.lab)} → ${oneLine(r.deal.provider)}.`, json: { undone: eventJson(r.undone), deal: dealJson(r.deal) } };
      });
    });
}
