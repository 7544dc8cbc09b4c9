import { generatedFeed } from '../feed-docs.js';
import { decodeFeedBytes } from '../../src/feeds/charset.js';
const buf = generatedFeed(200);
let best = Infinity;
for (let r = 0; r < 8; r++) { const t = performance.now(); for (let i = 0; i < 20; i++) decodeFeedBytes(buf, null); best = Math.min(best, (performance.now() - t) / 20); }
console.log('decodeFeedBytes', best.toFixed(3), 'ms');
best = Infinity;
for (let r = 0; r < 8; r++) { const t = performance.now(); for (let i = 0; i < 20; i++) buf.toString('utf8'); best = Math.min(best, (performance.now() - t) / 20); }
console.log('toString', best.toFixed(3), 'ms');
