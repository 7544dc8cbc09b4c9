import { describe, expect, it } from 'vitest';
import { limitNesting } from '../../../src/page/nesting.js';

describe('limitNesting', () => {
  it('leaves ordinary pages untouched', () => {
    const html = '<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x><script>if (a < b) {}</script><!-- <div> --></div></body></html>';
    expect(limitNesting(html)).toBe(html);
  });

  it('drops opening tags beyond the depth and their end tags, keeping the text', () => {
    const html = `${'<div>'.repeat(10)}deep text${'</div>'.repeat(10)}<p>after</p>`;
    const out = limitNesting(html, 4);
    expect(out).toBe(`${'<div>'.repeat(4)}deep text${'</div>'.repeat(4)}<p>after</p>`);
  });

  it('does not count tags inside scripts, comments, or tags whose end is optional', () => {
    const html = `<div><script>${'<div>'.repeat(50)}</script><!--${'<div>'.repeat(50)}-->${'<li>x'.repeat(50)}<span>kept</span></div>`;
    expect(limitNesting(html, 3)).toBe(html);
  });
});
