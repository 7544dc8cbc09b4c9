// Feed health for reviewers: every feed with its last success, last error, failures in a row and next poll.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { asc, sql } from 'drizzle-orm';
import { feeds } from '../../db/schema.js';
import type { WebDeps } from '../deps.js';
import { viewer, type AppEnv } from '../env.js';
import { formatDateTime } from '../format.js';
import { page } from '../layout.js';
import { safeHref } from '../views/deal.js';
import { redactUrl, redactUrlsIn } from '../../text/redact.js';

export function feedsRoutes(deps: WebDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const rows = await deps.db
      .select({
        feed: feeds,
        articles: sql<number>`(select count(*)::int from articles a where a.feed_id = "feeds"."id")`,
      })
      .from(feeds)
      .orderBy(sql`${feeds.failures} desc`, asc(feeds.title), asc(feeds.url));
    const failing = rows.filter((r) => r.feed.failures > 0).length;
    const body = html`<div class="pagehead"><h1>Feeds</h1><span class="muted">${rows.length} feed${rows.length === 1 ? '' : 's'}${failing ? html`, <b>${failing} failing</b>` : ''}</span></div>
${rows.length
  ? html`<table class="data"><thead><tr><th>Feed</th><th>Health</th><th>Last success</th><th>Last poll</th><th>Next poll</th><th class="num">Articles</th><th>Last error</th></tr></thead><tbody>
${rows.map(({ feed: f, articles }) => {
  const health = !f.enabled ? html`<span class="badge merged">disabled</span>` : f.failures > 0 ? html`<span class="badge rejected">${f.failures} failure${f.failures === 1 ? '' : 's'}</span>` : f.lastSuccessAt ? html`<span class="badge approved">ok</span>` : html`<span class="badge pending">not yet polled</span>`;
  // A feed URL with a token in it is shown redacted and not linked: every reviewer sees this page.
  const shownUrl = redactUrl(f.url);
  const link = shownUrl === f.url ? html`<a class="small" href="${safeHref(f.url)}" rel="noopener noreferrer">${f.url}</a>` : html`<span class="small">${shownUrl}</span>`;
  return html`<tr><td><b>${f.title ?? '(untitled)'}</b><br>${link}</td><td>${health}${f.notModifiedInRow > 50 ? html` <span class="badge talks" title="answered 304 for many polls in a row">stuck on 304?</span>` : ''}${f.ignoresConditional ? html` <span class="badge existing" title="sends validators but answers conditional requests with the full body">ignores conditional GET</span>` : ''}</td>
<td class="small">${formatDateTime(f.lastSuccessAt)}</td><td class="small">${formatDateTime(f.lastPolledAt)}${f.lastStatus ? html` (${f.lastStatus})` : ''}</td><td class="small">${formatDateTime(f.nextPollAt)}</td><td class="num">${articles}</td><td class="small">${f.lastError ? redactUrlsIn(f.lastError) : ''}</td></tr>`;
})}
</tbody></table>`
  : html`<div class="empty"><b>No feeds yet.</b>Add one with <code>lanewatch feeds add URL</code> or import an OPML file.</div>`}`;
    return c.html(page('Feeds', body, { ...viewer(c), active: '/feeds' }));
  });
  return app;
}
