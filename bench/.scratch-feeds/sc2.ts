import { parseXml } from '../../src/feeds/xml-tree.js';
for (const s of ['<a><b/><c></c><d>', '<rss><channel><item><link/></item></channel></rss>', '<rss version="2.0">\n</rss', '<rss><channel><item><title>x</title><description><p>a<br></description></item></channel></rss>']) {
  const d = parseXml(s);
  const walk = (e: any, depth = 0): string => `${' '.repeat(depth)}${e.local}${e.unclosed ? '(unclosed)' : ''}\n${e.children.map((c: any) => walk(c, depth + 1)).join('')}`;
  console.log(d.truncated, '\n' + d.roots.map((r) => walk(r)).join(''));
}
