// The HTML shell every page shares. Everything interpolated goes through hono's html`` (escaped).
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export function page(title: string, body: Html, options: { user?: string | null; csrf?: string | null } = {}): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · lanewatch</title>
${options.csrf ? html`<meta name="csrf-token" content="${options.csrf}">` : ''}
</head>
<body>
<nav><a href="/">Queue</a> <a href="/deals/approved">Approved</a> <a href="/lanes">Lanes</a> <a href="/alerts">Alerts</a> <a href="/feeds">Feeds</a> <a href="/queues">Jobs</a></nav>
<main>${body}</main>
</body>
</html>`;
}
