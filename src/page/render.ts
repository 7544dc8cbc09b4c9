// The article's nodes as plain text: one paragraph per block (p, heading, list item, table row...),
// separated by blank lines; <br> is a line break; table cells are joined with " | ".
import { isTag, isText, type AnyNode, type Element } from './dom.js';
import { BLOCK } from './patterns.js';

export function renderText(nodes: Element[], skip: Set<Element>): string {
  const paragraphs: string[] = [];
  let line: string[] = [];
  let lines: string[] = [];
  const flushLine = (): void => {
    const t = line
      .join('')
      .replace(/[ \t\u00a0\u200b\ufeff\r\n]+/g, ' ')
      .replace(/( \| ){2,}/g, ' | ')
      .trim()
      .replace(/^(\|\s*)+|(\s*\|)+$/g, '');
    if (t) lines.push(t);
    line = [];
  };
  const flushBlock = (): void => {
    flushLine();
    if (lines.length) paragraphs.push(lines.join('\n'));
    lines = [];
  };
  type Step = AnyNode | { end: Element };
  const stack: Step[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i] as Element);
  let preDepth = 0;
  while (stack.length) {
    const step = stack.pop() as Step;
    if ('end' in step) {
      const el = step.end;
      if (el.name === 'pre') preDepth--;
      if (el.name === 'td' || el.name === 'th') line.push(' | ');
      else if (BLOCK.has(el.name)) flushBlock();
      continue;
    }
    if (isText(step)) {
      if (preDepth > 0) {
        for (const [i, part] of step.data.split('\n').entries()) {
          if (i > 0) flushLine();
          line.push(part);
        }
      } else line.push(step.data);
      continue;
    }
    if (!isTag(step) || skip.has(step)) continue;
    const el = step;
    if (el.name === 'br') {
      flushLine();
      continue;
    }
    if (el.name === 'img' || el.name === 'hr') continue;
    if (el.name === 'tr') flushBlock();
    else if (el.name === 'td' || el.name === 'th') {
      // Cells of a row stay on one line.
    } else if (BLOCK.has(el.name)) flushBlock();
    if (el.name === 'pre') preDepth++;
    stack.push({ end: el });
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as AnyNode);
  }
  flushBlock();
  return paragraphs.join('\n\n');
}
