// The one redaction of secrets in URLs, for everything that shows or logs a URL (settings, feeds, webhook and Slack
// URLs, delivery and fetch errors, the log): a password in the user info, query values whose name says secret, and
// path segments or query values that look like generated tokens (a Slack webhook's last segment, /hooks/<hex>).
// The URLs themselves are stored and used unredacted; only what is shown changes.

export const redactedMark = '***';

// A query parameter named like a secret: the whole name or its last part after _ or - (api_key, X-Amz-Signature),
// or a known compound (apikey, accessToken); "keyword" or "monkey" are not.
const secretParamName = /(?:^|[_-])(?:token|secret|key|sig|signature|pass|passwd|password|pwd|auth|session|sid|credentials?|code)$|(?:apikey|accesstoken|authtoken|secretkey|privatekey|clientsecret|accesskey)$/i;

type CharClass = 'upper' | 'lower' | 'digit';
const classOf = (c: string): CharClass => (c >= 'A' && c <= 'Z' ? 'upper' : c >= 'a' && c <= 'z' ? 'lower' : 'digit');

/** How often the kind of character (upper, lower, digit) changes along a run of letters and digits, per character. */
function changeRate(run: string): number {
  let changes = 0;
  for (let i = 1; i < run.length; i++) if (classOf(run[i]) !== classOf(run[i - 1])) changes++;
  return changes / run.length;
}

/**
 * True for a path segment or query value that looks generated rather than written: it holds a run of 16+ letters
 * and digits whose kind of character changes often (random base62 changes on about 60% of characters, CamelCase
 * words on about a third, lower-case words with a number far less), or a run of 24+ hex digits. Slugs, dates, ids and names
 * such as "openai-oracle-deal-2025" or "Report_2025_Q3_OpenAI" stay readable.
 */
export function looksLikeToken(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z0-9_~.=+%-]+$/.test(value)) return false;
  return value.split(/[-_.~=+%]/).some((run) => {
    if (run.length >= 24 && /^[0-9a-f]+$/i.test(run) && /[0-9]/.test(run) && /[a-f]/i.test(run)) return true;
    if (run.length < 16) return false;
    const classes = new Set([...run].map(classOf));
    if (classes.size < 2) return false;
    // Mixed case: CamelCase words change about every third character, random text about every other one.
    return changeRate(run) >= (classes.has('upper') && classes.has('lower') ? 0.4 : 0.25);
  });
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
