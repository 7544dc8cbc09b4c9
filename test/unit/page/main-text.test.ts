import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/page/index.js';

const fixture = readFileSync(new URL('../../fixtures/article/news-page.html', import.meta.url));

describe('main text of a news page', () => {
  const a = extractArticle(fixture, 'https://news.example.com/x');

  it('keeps the short lead paragraph, where the amount is, and the standfirst before it', () => {
    expect(a.text).toContain('Mistral AI will pay Helion Cloud $12 billion over six years.');
    expect(a.text.indexOf('The French lab will rent 800 megawatts')).toBe(0);
    expect(a.text.indexOf('The French lab')).toBeLessThan(a.text.indexOf('Mistral AI will pay'));
  });

  it('keeps lists and tables inside the article body', () => {
    expect(a.text).toContain('Marseille: 250 megawatts, online in 2027');
    expect(a.text).toContain('Site | Megawatts | Online');
    expect(a.text).toContain('Frankfurt | 250 | 2028');
  });

  it('drops navigation, cookie banner, newsletter box, share bar, caption, tags, related stories, comments, sidebar and footer', () => {
    for (const boilerplate of [
      'Artificial intelligence and the companies building it',
      'We use cookies',
      'Sign up for our free newsletter',
      'Share on Facebook',
      'pictured in March',
      'Anthropic signs $30 billion compute deal',
      'OpenAI and Oracle expand',
      'Meta will sign a $20 billion deal',
      'the grid simply cannot deliver',
      'xAI buys a power plant',
      'Nvidia invests $100 billion',
      'All rights reserved',
      'By Jane Doe',
    ]) {
      expect(a.text, boilerplate).not.toContain(boilerplate);
    }
  });

  it('does not repeat the headline and separates paragraphs with blank lines', () => {
    expect(a.text).not.toContain('wins $12 billion GPU contract');
    expect(a.text.split('\n\n').length).toBeGreaterThanOrEqual(8);
    expect(a.text).toContain('joint statement.\n\nHelion, which was founded');
  });

  it('returns the metadata', () => {
    expect(a).toMatchObject({
      title: 'Helion Cloud wins $12 billion GPU contract from Mistral',
      published: '2026-04-02T09:30:00Z',
      canonical_url: 'https://news.example.com/2026/helion-mistral',
      language: 'en',
    });
  });

  it('finds the text of a page without any article markup (paragraphs separated by <br>)', () => {
    const html = `<html><body><div id="top"><a href="/">Home</a> <a href="/b">Blog</a></div><div>
      Amazon agreed to supply Anthropic with one million Trainium2 chips, the companies said on Monday, in a deal that runs for several years.<br><br>
      The chips will be installed at a new campus in Indiana, which is expected to draw more than 2.2 gigawatts when it is complete, according to a filing.<br><br>
      Anthropic already trains its models on Amazon's cloud, and Amazon has invested $8 billion in the company since 2023, making it the largest outside investor.
      </div><div class="footer">Copyright blog</div></body></html>`;
    const t = extractArticle(html).text;
    expect(t).toContain('Amazon agreed to supply Anthropic with one million Trainium2 chips');
    expect(t).toContain('2.2 gigawatts');
    expect(t).not.toContain('Copyright blog');
    expect(t).not.toContain('Home Blog');
    expect(t).toContain('several years.\n\nThe chips will be installed');
  });

  it('keeps the article when its wrapper has a boilerplate-looking class but is marked as the article body', () => {
    const p = '<p>Oracle will supply OpenAI with 4.5 gigawatts of data centre capacity under a contract worth $300 billion, the companies confirmed on Wednesday, in one of the largest cloud deals on record.</p>';
    const html = `<html><body><div class="share-container-wrapper" itemprop="articleBody">${p.repeat(4)}</div><div class="related"><a href="/x">Other story about other deals entirely</a></div></body></html>`;
    const t = extractArticle(html).text;
    expect(t).toContain('4.5 gigawatts of data centre capacity');
    expect(t).not.toContain('Other story');
  });

  it('falls back to the JSON-LD articleBody when the page renders its story by script', () => {
    const body = 'Google will supply Anthropic with up to one million TPUs in a deal worth tens of billions of dollars, the companies said on Thursday.\n\nThe capacity, well over a gigawatt, comes online in 2026. ' + 'Anthropic also buys from Amazon and Microsoft. '.repeat(6);
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Google and Anthropic', articleBody: body });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><div id="root"><p>Loading the story, please wait while the application starts.</p></div></body></html>`;
    const t = extractArticle(html).text;
    expect(t).toContain('up to one million TPUs');
    expect(t).toContain('the companies said on Thursday.\n\nThe capacity, well over a gigawatt');
    expect(t).not.toContain('Loading the story');
    // A page whose own text is complete keeps it, even with a short JSON-LD teaser.
    const teaser = JSON.stringify({ '@type': 'NewsArticle', articleBody: 'A short teaser of the story.' });
    expect(extractArticle(fixture.toString().replace('</head>', `<script type="application/ld+json">${teaser}</script></head>`)).text).toContain('Mistral AI will pay Helion Cloud $12 billion');
  });

  it('picks the story, not the page, when many teaser paragraphs outscore it together', () => {
    const story = Array.from({ length: 6 }, (_, i) => `<blockquote><p>Paragraph ${i} of the story: xAI signed a lease for 300 megawatts at a site in Memphis, with an option for more, the company said, adding that the first phase is live.</p></blockquote>`).join('');
    const teasers = Array.from({ length: 40 }, (_, i) => `<div class="item"><h2><a href="/t${i}">Teaser ${i}</a></h2><p>Another story, about something else, with a summary line, some commas, and words number ${i}.</p></div>`).join('');
    const html = `<html><body><article><div class="text">${story}</div></article>${teasers}</body></html>`;
    const t = extractArticle(html).text;
    expect(t).toContain('Paragraph 0 of the story');
    expect(t).toContain('Paragraph 5 of the story');
    expect(t).not.toContain('Another story, about something else');
  });

  it('keeps story text inside a "paywall" wrapper (it is the article, served to subscribers)', () => {
    const p = '<p>Nvidia will invest up to $100 billion in OpenAI as the lab deploys 10 gigawatts of Nvidia systems, the companies said, in a letter of intent.</p>';
    const html = `<html><body><article><div class="article-body">${p}<div class="paywall">${p.replace('Nvidia will', 'Separately, Nvidia will').repeat(3)}</div></div></article></body></html>`;
    expect(extractArticle(html).text).toContain('Separately, Nvidia will invest');
  });

  it('keeps an embedded post quoted in the story, drops the share box beside it', () => {
    const p = '<p>Microsoft said it would buy GPU capacity from Nscale in Norway and the UK, in a contract worth up to $24 billion over several years, the company said.</p>';
    const tweet = '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>We just signed the biggest contract in our history with Microsoft.</p>— Nscale (@nscale) <a href="https://twitter.com/x/status/1">October 15, 2025</a></blockquote></div>';
    const share = '<div class="social-share"><a href="https://twitter.com/share">Share on X</a><a href="https://facebook.com/share">Share on Facebook</a></div>';
    const html = `<html><body><article class="story"><div class="article-body">${p}${tweet}${p.replace('Microsoft said', 'Nscale said')}${share}</div></article></body></html>`;
    const t = extractArticle(html).text;
    expect(t).toContain('We just signed the biggest contract in our history with Microsoft.');
    expect(t).not.toContain('Share on Facebook');
  });

  it('keeps a small table inside a <figure> and drops the picture caption beside it', () => {
    const p = '<p>Three neoclouds signed capacity deals with Microsoft this quarter, according to filings, with a combined value of more than $40 billion.</p>';
    const table = '<figure class="wp-block-table"><table><tr><td>Nebius</td><td>$17.4bn</td></tr><tr><td>IREN</td><td>$9.7bn</td></tr></table><figcaption>Source: filings</figcaption></figure>';
    const picture = '<figure><img src="a.jpg"><figcaption>The Vineland campus under construction in May.</figcaption></figure>';
    const html = `<html><body><article><div class="entry-content">${p}${table}${picture}${p.replace('Three', 'All three')}</div></article></body></html>`;
    const t = extractArticle(html).text;
    expect(t).toContain('Nebius | $17.4bn');
    expect(t).toContain('IREN | $9.7bn');
    expect(t).not.toContain('under construction in May');
  });
});
