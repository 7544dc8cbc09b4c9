import Parser from 'rss-parser';
import { generatedFeed } from '../feed-docs.js';
import { parseFeed } from '../../src/feeds/parse.js';
import { parseXml } from '../../src/feeds/xml-tree.js';
const buf = generatedFeed(200);
const text = buf.toString('utf8');
const N = Number(process.argv[2] ?? 50);
function time(name: string, fn: () => unknown) { for (let i = 0; i < 5; i++) fn(); const t = performance.now(); for (let i = 0; i < N; i++) fn(); const ms = (performance.now() - t) / N; console.log(name.padEnd(30), ms.toFixed(2), 'ms/doc', (1000 / ms).toFixed(0), 'docs/s'); }
const rp = new Parser();
let p: Promise<unknown> = Promise.resolve();
time('lanewatch parseFeed', () => parseFeed(buf, { url: 'http://127.0.0.1/x' }));
time('lanewatch parseXml only', () => parseXml(text, 'http://127.0.0.1/x'));
const t = performance.now();
for (let i = 0; i < N; i++) await rp.parseString(text);
const ms = (performance.now() - t) / N; console.log('rss-parser'.padEnd(30), ms.toFixed(2), 'ms/doc', (1000 / ms).toFixed(0), 'docs/s');
