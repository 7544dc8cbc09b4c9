import { Parser } from 'htmlparser2';
const src = '<a><b/><c></c><d>';
const p: Parser = new Parser({ onclosetag(n, implied) { console.log('close', n, implied, p.startIndex, p.endIndex); } }, { xmlMode: true });
p.end(src);
