// The HTML shell every page shares. Everything interpolated goes through hono's html`` (escaped).
// Styles come from /static/app.css and scripts from /static/*.js: the CSP forbids inline ones.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const sections = [
  ['/', 'Queue'],
  ['/deals/approved', 'Approved'],
  ['/lanes', 'Lanes'],
  ['/alerts', 'Alerts'],
  ['/feeds', 'Feeds'],
  ['/queues', 'Jobs'],
] as const;

export function page(title: string, body: Html, options: { user?: string | null; csrf?: string | null; active?: string } = {}): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · lanewatch</title>
<link rel="stylesheet" href="/static/app.css">
${options.csrf ? html`<meta name="csrf-token" content="${options.csrf}">` : ''}
</head>
<body>
<header class="topbar">
<a class="brand" href="/"><span class="dot"></span>lanewatch</a>
${options.user
  ? html`<nav>${sections.map(([href, label]) => html`<a href="${href}"${options.active === href ? html` class="active"` : ''}>${label}</a>`)}</nav>
<div class="who"><span>${options.user}</span>${options.csrf
      ? html`<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${options.csrf}"><button class="linkbtn" type="submit">Sign out</button></form>`
      : ''}</div>`
  : html`<nav></nav>`}
</header>
<main>${body}</main>
</body>
</html>`;
}

/** The hidden CSRF field every form carries. */
export function csrfField(csrf: string | null): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf ?? ''}">`;
}
