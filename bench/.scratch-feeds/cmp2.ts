import Parser from 'rss-parser';
import { generatedFeed } from '../feed-docs.js';
import { parseFeed } from '../../src/feeds/parse.js';
import { parseXml } from '../../src/feeds/xml-tree.js';
import { readXmlFeed } from '../../src/feeds/xml-feed.js';
const buf = generatedFeed(200);
const text = buf.toString('utf8');
const rp = new Parser();
const best: Record<string, number> = {};
const rec = (k: string, ms: number) => { best[k] = Math.min(best[k] ?? Infinity, ms); };
for (let round = 0; round < 8; round++) {
  let t = performance.now(); for (let i = 0; i < 20; i++) parseFeed(buf, { url: 'http://127.0.0.1/x' }); rec('lanewatch parseFeed', (performance.now() - t) / 20);
  t = performance.now(); for (let i = 0; i < 20; i++) parseXml(text, 'http://127.0.0.1/x'); rec('lanewatch parseXml', (performance.now() - t) / 20);
  const doc = parseXml(text, 'http://127.0.0.1/x');
  t = performance.now(); for (let i = 0; i < 20; i++) readXmlFeed(doc); rec('lanewatch readXmlFeed', (performance.now() - t) / 20);
  t = performance.now(); for (let i = 0; i < 20; i++) await rp.parseString(text); rec('rss-parser', (performance.now() - t) / 20);
}
for (const [k, ms] of Object.entries(best)) console.log(k.padEnd(24), ms.toFixed(2), 'ms', (1000 / ms).toFixed(0), 'docs/s (best of 8 rounds)');
