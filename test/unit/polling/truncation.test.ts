import { describe, expect, it } from 'vitest';
import { truncation } from '../../../src/polling/poll.js';
import { feedText } from '../../../src/articles/extract-work.js';

describe('truncation', () => {
  it('accepts feeds whose root element is closed', () => {
    for (const doc of [
      '<rss version="2.0"><channel></channel></rss>\n',
      '<feed xmlns="http://www.w3.org/2005/Atom"></feed>',
      '<rdf:RDF></rdf:RDF>  <!-- generated -->\n',
      '<rss><channel></channel></RSS>',
    ]) {
      expect(truncation(Buffer.from(doc))).toBeNull();
    }
    expect(truncation(Buffer.from('<rss><channel></channel></rss>', 'utf16le'))).toBeNull();
  });

  it('names a document cut off in the middle', () => {
    expect(truncation(Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>cut</title><item><title>Half'))).toMatch(/truncated/);
    expect(truncation(Buffer.alloc(0))).toMatch(/truncated/);
  });
});

describe('feedText', () => {
  it('turns a feed item’s HTML into paragraphs, without scripts', () => {
    const text = feedText('<p>OpenAI &amp; Oracle signed.</p><script>alert(1)</script><p>It is <b>4.5 GW</b>.</p>');
    expect(text).toBe('OpenAI & Oracle signed.\n\nIt is 4.5 GW.');
    expect(feedText(null)).toBe('');
    expect(feedText('plain text, no tags')).toBe('plain text, no tags');
  });
});
