// Character references in feed text. Feeds use HTML's named entities (&nbsp; &mdash; &eacute;) in XML that
// never declares them, and bare ampersands (AT&T, ?a=1&b=2): both are read the way a browser would, and an
// unknown name (&foo;) is left as written. &lang; and &rang; keep their HTML 4 meaning (U+2329/U+232A),
// which is what feeds written before HTML5 remapped them meant. Only references ending in ';' are decoded, so that query strings
// such as ?a=1&reg=2 stay intact.
import { decodeHTMLStrict } from 'entities';

/** Entities a document declares in its DOCTYPE's internal subset: `<!ENTITY name "value">`. */
export type DeclaredEntities = ReadonlyMap<string, string>;

/** Most declarations a document may make; beyond it they are ignored (entity-expansion bombs). */
const MAX_DECLARED_ENTITIES = 256;
/** Longest declared replacement text kept, for the same reason. */
const MAX_DECLARED_VALUE = 4096;

/** Reads `<!ENTITY name "value">` declarations from the text before the root element. */
export function declaredEntities(prologue: string): DeclaredEntities {
  const map = new Map<string, string>();
  if (!prologue.includes('<!ENTITY')) return map;
  const re = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
  for (let m = re.exec(prologue); m && map.size < MAX_DECLARED_ENTITIES; m = re.exec(prologue)) {
    const value = (m[2] ?? m[3] ?? '').slice(0, MAX_DECLARED_VALUE);
    // The replacement text may itself hold character references; decode those once, never recursively.
    map.set(m[1]!, decodeHTMLStrict(value));
  }
  return map;
}

/** Decodes character and entity references in raw XML text or an attribute value. */
export function decodeEntities(raw: string, declared?: DeclaredEntities): string {
  if (!raw.includes('&')) return raw;
  let text = raw;
  if (declared && declared.size > 0) {
    text = text.replace(/&([A-Za-z_][\w.-]*);/g, (whole, name: string) => {
      const value = declared.get(name);
      // A declared value goes in escaped so that the single decoding pass below does not decode it again.
      return value === undefined ? whole : value.replace(/&/g, '&amp;');
    });
  }
  return decodeHTMLStrict(text.includes('ang;') ? text.replace(/&(l|r)ang;/g, (_, side: string) => (side === 'l' ? '\u2329' : '\u232a')) : text);
}
