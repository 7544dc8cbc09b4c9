// The one redaction of secrets in URLs, for everything that shows or logs a URL (settings, feeds, webhook and Slack
// URLs, delivery and fetch errors, the log): a password in the user info, query values whose name says secret, and
// path segments or query values that look like generated tokens (a Slack webhook's last segment, /hooks/<hex>).
// The URLs themselves are stored and used unredacted; only what is shown changes.

export const redactedMark = '***';

const secretParamName = /token|secret|key|sig|pass|pwd|auth|session|credential|code/i;

/**
 * True for a path segment or query value that looks generated rather than written: 16+ URL-safe characters mixing
 * upper case, lower case and digits; 24+ hex digits; or 24+ letters and digits with no word separator. Slugs such as
 * "openai-oracle-deal-2025" and dates stay readable.
 */
export function looksLikeToken(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9_~.=+%-]+$/.test(value)) return false;
  const upper = /[A-Z]/.test(value);
  const lower = /[a-z]/.test(value);
  const digit = /[0-9]/.test(value);
  if (upper && lower && digit) return true;
  if (value.length >= 24 && /^[0-9a-f]+$/i.test(value)) return true;
  return value.length >= 24 && (upper || lower) && digit && !/[-.]/.test(value);
}

function redactQuery(search: string): string {
  if (search.length <= 1) return search;
  const parts = search
    .slice(1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return looksLikeToken(part) ? redactedMark : part;
      const name = part.slice(0, eq);
      const value = part.slice(eq + 1);
      return value !== '' && (secretParamName.test(name) || looksLikeToken(value)) ? `${name}=${redactedMark}` : part;
    });
  return `?${parts.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL with its secrets replaced by ***; text that is not a URL comes back as "(unparseable URL)". */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(unparseable URL)';
  }
  if (u.password) u.password = redactedMark;
  else if (looksLikeToken(decodeURIComponentSafe(u.username))) u.username = redactedMark;
  if (u.pathname.length > 1 && !u.pathname.startsWith('//')) {
    u.pathname = u.pathname
      .split('/')
      .map((segment) => (looksLikeToken(segment) ? redactedMark : segment))
      .join('/');
  }
  const search = redactQuery(u.search);
  u.hash = u.hash && looksLikeToken(u.hash.slice(1)) ? redactedMark : u.hash;
  // Setting u.search would re-encode what is kept; the string is joined by hand instead.
  const withoutSearch = u.toString().replace(/[?#].*$/, '');
  return `${withoutSearch}${search}${u.hash}`;
}

// A backslash ends a URL too: in a JSON log line it starts an escape (\n in a stack), never part of the URL.
const urlInText = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi;
const trailingPunctuation = /[).,;:!?\]}]+$/;

/** Free text (an error message, a log line) with every URL in it redacted. */
export function redactUrlsIn(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(urlInText, (match) => {
    const tail = trailingPunctuation.exec(match)?.[0] ?? '';
    const url = tail ? match.slice(0, -tail.length) : match;
    const redacted = redactUrl(url);
    // An unparseable URL in a sentence still loses its user info.
    return (redacted === '(unparseable URL)' ? url.replace(/\/\/[^/@\s]*@/, `//${redactedMark}@`) : redacted) + tail;
  });
}
