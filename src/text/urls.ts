// Safe URLs: which links may be rendered as links. A javascript: URL from a hostile feed must never be clickable.

/** The URL, normalised, when it is an absolute http(s) URL; null otherwise. */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Schemes a link inside feed content may keep (everything else, javascript: and data: first, is dropped). */
const SAFE_LINK_SCHEMES = ['http', 'https', 'ftp', 'mailto', 'tel', 'news', 'magnet'];

/** False when a link's scheme is not one a reader may follow; relative links (no scheme) are safe. */
export function hasSafeScheme(value: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\nscript:").
  const squashed = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squashed)?.[1];
  return !scheme || SAFE_LINK_SCHEMES.includes(scheme);
}
