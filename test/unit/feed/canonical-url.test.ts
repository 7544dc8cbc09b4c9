import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../src/feed/canonical-url.js';

describe('canonicalUrl', () => {
  it('strips tracking parameters and keeps the others, sorted', () => {
    expect(canonicalUrl('https://Example.COM/a/b?utm_source=x&id=7&fbclid=abc&gclid=1&b=2&utm_medium=rss#top')).toBe('https://example.com/a/b?b=2&id=7');
    expect(canonicalUrl('https://example.com/story?mc_cid=1&mc_eid=2&_hsenc=3&igshid=4&msclkid=5')).toBe('https://example.com/story');
  });

  it('drops default ports, fragments and credentials', () => {
    expect(canonicalUrl('http://user:pw@example.com:80/x#frag')).toBe('http://example.com/x');
    expect(canonicalUrl('https://example.com:443/')).toBe('https://example.com/');
    expect(canonicalUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
  });

  it('gives one spelling for links that differ only in tracking', () => {
    const a = canonicalUrl('https://news.example/deal?utm_campaign=feed');
    const b = canonicalUrl('https://news.example/deal?fbclid=zzz');
    expect(a).toBe(b);
  });

  it('refuses what is not an absolute http(s) URL', () => {
    for (const bad of ['', 'not a url', '/relative/path', 'javascript:alert(1)', 'ftp://example.com/x', 'mailto:a@b.c']) {
      expect(canonicalUrl(bad)).toBeNull();
    }
  });
});
