// The dev corpus's pages (fixtures copied from the shared corpus): the boilerplate blocks every outlet
// template carries (related stories, comments, newsletter boxes, sidebars, footers) must be gone
// from the main text, and the article's lead paragraph, where the amount usually is, kept.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/page/index.js';
import { findAll, parseHtml, textOf, type Element } from '../../../src/page/dom.js';

const dir = new URL('../../fixtures/corpus/dev/articles/', import.meta.url);
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')).sort() : [];

const BOILERPLATE = /^(related|comments?|comments-area|comment-list|trending|most-read|newsletter-box|subscription-widget|more-posts|more-releases|sidebar|widget-area|promo-bar|also|site-footer|footer|sharedaddy|story-tickers|main-navigation|topbar)$/;
const BODY = /^(article-body|story-body|entry-content|release-body|article-text|body)$/;

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const classes = (el: Element): string[] => (el.attribs.class ?? '').split(/\s+/);

describe.skipIf(files.length === 0)('dev corpus pages', () => {
  it('has pages to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of files) {
    it(`${file}: boilerplate gone, lead kept`, () => {
      const html = readFileSync(new URL(file, dir));
      const doc = parseHtml(html.toString('utf8'));
      const text = norm(extractArticle(html).text);
      const boiler = findAll(doc, (el) => classes(el).some((c) => BOILERPLATE.test(c)) && el.name !== 'body');
      expect(boiler.length, `${file} has boilerplate to leave out`).toBeGreaterThan(0);
      for (const el of boiler) {
        for (const line of findAll(el, (e) => ['p', 'li', 'h3', 'h4', 'a'].includes(e.name)).map(textOf)) {
          // Short labels ("Reply", "Subscribe") can occur inside prose; sentences and headlines cannot.
          if (line.length >= 25) expect(text, `${file}: "${line}"`).not.toContain(norm(line));
        }
      }
      const body = findAll(doc, (el) => classes(el).some((c) => BODY.test(c)))[0] ?? findAll(doc, (el) => el.name === 'article')[0];
      expect(body, `${file} has an article body`).toBeDefined();
      const lead = findAll(body as Element, (e) => e.name === 'p' && !classes(e).includes('dek')).map(textOf).find((t) => t.length > 0);
      expect(lead).toBeDefined();
      expect(text, `${file} keeps its lead paragraph`).toContain(norm(lead as string));
    });
  }

  it('reads each page\'s title and publication day as the manifest states them', () => {
    const manifest = JSON.parse(readFileSync(new URL('../manifest.json', dir), 'utf8')) as { articles: { id: string; title: string; published: string }[] };
    for (const entry of manifest.articles) {
      const file = `${entry.id}.html`;
      if (!files.includes(file)) continue;
      const a = extractArticle(readFileSync(new URL(file, dir)));
      expect(a.title, file).toBe(entry.title);
      // Pages that show only a day ("2025-09-09") give midnight UTC: compare the day.
      expect(a.published?.slice(0, 10), file).toBe(entry.published.slice(0, 10));
    }
  });
});
