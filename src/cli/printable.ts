// Text from feeds, pages and CSV files can carry terminal control sequences (ESC [ … to recolour or rewrite the
// screen, OSC 8 links, a title change): human-readable output shows each control character as \xNN instead.
// Newlines and tabs stay; JSON output needs none of this (JSON.stringify escapes control characters itself).

const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(controls, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
