import { parseFeed } from '../../src/feeds/parse.js';
import { parseXml } from '../../src/feeds/xml-tree.js';
const v = `<rss><channel><title>S</title>${`<item><title>t</title><description>${'<br>'.repeat(20)}</description></item>`.repeat(20000)}</channel></rss>`;
let t = performance.now(); parseXml(v); console.log('parseXml', (performance.now() - t).toFixed(0));
t = performance.now(); parseFeed(v); console.log('parseFeed', (performance.now() - t).toFixed(0));
