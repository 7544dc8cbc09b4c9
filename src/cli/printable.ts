// Text from feeds, pages and CSV files can carry terminal control sequences (ESC [ … to recolour or rewrite the
// screen, OSC 8 links, a title change): human-readable output shows each control character as \xNN instead.
// Newlines and tabs stay; JSON output needs none of this (JSON.stringify escapes control characters itself).

const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(controls, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const lineBreaking = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A value shown inside one line (a lab name, an evidence sentence): newlines, tabs and every other control
 * character are shown escaped too, so that a value cannot start a line of its own that looks like output.
 */
export function oneLine(text: string): string {
  return text.replace(lineBreaking, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
