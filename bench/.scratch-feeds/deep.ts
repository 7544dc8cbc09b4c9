import { parseFeed } from '../../src/feeds/parse.js';
const MB = 1024 * 1024;
const cases: Record<string, string> = {
  deep: `<rss><channel><title>Deep</title><item><title>i</title></item><item>${'<x>'.repeat(3 * MB)}`,
  bursts: `<rss><channel><title>B</title>${`<item><title>t</title><description>${'<br>'.repeat(1000)}</description></item>`.repeat(2000)}</channel></rss>`,
  sloppy: `<rss><channel><title>S</title>${`<item><title>t</title><description>${'<br>'.repeat(20)}</description></item>`.repeat(20000)}</channel></rss>`,
};
for (const [k, v] of Object.entries(cases)) { const t = performance.now(); const f = parseFeed(v); console.log(k, (v.length / MB).toFixed(1), 'MB', (performance.now() - t).toFixed(0), 'ms', f.items.length, 'items', f.truncated); }
