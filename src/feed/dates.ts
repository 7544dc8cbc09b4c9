// Dates as feeds write them → ISO 8601 (UTC). W3CDTF / ISO 8601 (partial dates, no zone, fractions,
// basic format), RFC 822/1123/2822 with two-digit years, missing seconds, named and military zones,
// asctime, "January 4, 2004 4:29 PM EST", y/m/d with slashes, a few non-English month names, and Unix
// time. A date without a zone is taken as UTC. Anything unreadable is null, never an exception.

const MONTHS: Record<string, number> = {};
const monthNames: [number, string[]][] = [
  [1, ['jan', 'january', 'janv', 'janvier', 'januar', 'ene', 'enero', 'gen', 'gennaio', 'jän', 'jänner', 'janeiro']],
  [2, ['feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'februar', 'febrero', 'febbraio', 'fev', 'fevereiro']],
  [3, ['mar', 'march', 'mars', 'märz', 'maerz', 'mrz', 'mär', 'marzo', 'março', 'marco']],
  [4, ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile']],
  [5, ['may', 'mai', 'mayo', 'mag', 'maggio', 'maio']],
  [6, ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno', 'junho']],
  [7, ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio', 'julho']],
  [8, ['aug', 'august', 'août', 'aout', 'ago', 'agosto']],
  [9, ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro']],
  [10, ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'ott', 'ottobre', 'out', 'outubro']],
  [11, ['nov', 'november', 'novembre', 'noviembre', 'novembro']],
  [12, ['dec', 'december', 'déc', 'decembre', 'décembre', 'dez', 'dezember', 'dic', 'diciembre', 'dicembre', 'dezembro']],
];
for (const [n, names] of monthNames) for (const name of names) MONTHS[name] = n;

const WEEKDAYS = new Set([
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'lun', 'mer', 'jeu', 'ven', 'sam', 'dim', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
]);

/** Zone abbreviations feeds use, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, ist: 330, west: 60, cet: 60, met: 60, mez: 60, cest: 120,
  mest: 120, mesz: 120, eet: 120, eest: 180, msk: 180, msd: 240,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  ast: -240, adt: -180, nst: -210, ndt: -150, akst: -540, akdt: -480, hst: -600, hast: -600, hadt: -540,
  jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, acdt: 630, aest: 600, aedt: 660,
  nzst: 720, nzdt: 780, pht: 480, wib: 420, ict: 420,
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, mo: number): number {
  if (mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return DAYS_IN_MONTH[mo - 1]!;
}

function isoFrom(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 61) return null;
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (y < 1000 || y > 9999) return null;
  // Date.UTC rolls 31 February over into March: refuse it instead.
  if (d > daysInMonth(y, mo)) return null;
  // A leap second is written as :60; Date cannot hold it.
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMinutes * 60_000;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** "+05:30", "-0800", "+05", "Z", "GMT+2", "UTC-05:00" → minutes east of UTC. */
function numericZone(text: string): number | null {
  const m = /^(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!m) return null;
  let hours = Number(m[2]);
  let minutes = m[3] ? Number(m[3]) : 0;
  // "+530" style: three digits read as h mm.
  if (!m[3] && m[2]!.length === 2 && hours > 14) return null;
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

const W3C = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[Tt\s]+(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|(?:UTC|GMT|UT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?)?)?$/i;

function parseW3c(s: string): string | null {
  const m = W3C.exec(s);
  if (!m) return null;
  const [, y, mo = '1', d = '1', h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  // "20040105" needs all of month and day to be a date and not a number.
  let offset = 0;
  if (zone) {
    const lower = zone.toLowerCase();
    if (lower in ZONES) offset = ZONES[lower]!;
    else {
      const z = numericZone(zone);
      if (z === null) return null;
      offset = z;
    }
  }
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return isoFrom(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), Math.min(ms, 999), offset);
}

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
  offset?: number;
  pm?: boolean;
  am?: boolean;
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([ap]\.?m\.?)?$/i;

/** Free word order: "Sun, 04 Jan 2004 16:29:06 PST", "Sun Jan  4 16:29:06 2004", "January 4, 2004 4:29 PM". */
function parseWords(s: string): string | null {
  const cleaned = s
    .replace(/\([^)]*\)/g, ' ') // "(PST)" comments
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/,/g, ' ')
    // "16:29:06-0800" and "16:29:06GMT" glued together.
    .replace(/(\d:\d{2}(?::\d{2})?(?:\.\d+)?)([+-]\d{2}:?\d{2}\b|[A-Za-z]{1,5}\b)/g, '$1 $2')
    .trim();
  const tokens = cleaned.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 12) return null;
  const p: Parts = {};
  const loose: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const lower = tok.toLowerCase().replace(/\.$/, '');
    let m: RegExpExecArray | null;
    if ((m = TIME.exec(tok)) && p.hour === undefined) {
      p.hour = Number(m[1]);
      p.minute = Number(m[2]);
      p.second = m[3] ? Number(m[3]) : 0;
      p.ms = m[4] ? Math.min(999, Math.round(Number(`0.${m[4]}`) * 1000)) : 0;
      if (m[5]) (m[5][0]!.toLowerCase() === 'p' ? (p.pm = true) : (p.am = true));
      continue;
    }
    if (lower === 'am' || lower === 'a.m') { p.am = true; continue; }
    if (lower === 'pm' || lower === 'p.m') { p.pm = true; continue; }
    if (p.month === undefined && MONTHS[lower] !== undefined) {
      p.month = MONTHS[lower];
      continue;
    }
    if (WEEKDAYS.has(lower)) continue;
    if (/^\d{4}$/.test(tok) && p.year === undefined) {
      p.year = Number(tok);
      continue;
    }
    if (/^\d{1,2}$/.test(tok)) {
      loose.push(Number(tok));
      continue;
    }
    if (p.hour !== undefined || i > 0) {
      const z = lower in ZONES ? ZONES[lower]! : numericZone(tok);
      if (z !== null && p.offset === undefined) {
        p.offset = z;
        continue;
      }
    }
    // Single-letter military zones are unreliable (RFC 2822 §4.3): read as UTC.
    if (/^[a-ik-z]$/i.test(tok) && p.hour !== undefined) {
      p.offset ??= 0;
      continue;
    }
    if (lower === 'at' || lower === 'on' || lower === 'the' || lower === 'of' || lower === 'de') continue;
    return null;
  }
  if (p.month === undefined) return null;
  // Day then two-digit year, in order of appearance ("04 Jan 04").
  if (p.year === undefined) {
    if (loose.length < 2) return null;
    p.day = loose[0];
    p.year = loose[1];
  } else {
    if (loose.length < 1) return null;
    p.day = loose[0];
  }
  let hour = p.hour ?? 0;
  if (p.pm && hour < 12) hour += 12;
  if (p.am && hour === 12) hour = 0;
  return isoFrom(p.year!, p.month, p.day!, hour, p.minute ?? 0, p.second ?? 0, p.ms ?? 0, p.offset ?? 0);
}

/** "2004/01/04 16:29:06", "2004.01.04", "04.01.2004 16:29" (day first), "1/4/2004" (US month first). */
function parseNumeric(s: string): string | null {
  const m = /^(\d{1,4})[/.](\d{1,2})[/.](\d{1,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/i.exec(s);
  if (!m) return null;
  const [, a, b, c, h = '0', mi = '0', sec = '0', ampm, zone] = m;
  let y: number, mo: number, d: number;
  if (a!.length === 4) [y, mo, d] = [Number(a), Number(b), Number(c)];
  else if (c!.length === 4 || c!.length === 2) {
    // Dots are European (day first); slashes are American (month first) unless that is impossible.
    const dayFirst = s.includes('.') || Number(a) > 12;
    [y, mo, d] = dayFirst ? [Number(c), Number(b), Number(a)] : [Number(c), Number(a), Number(b)];
  } else return null;
  let hour = Number(h);
  if (ampm && ampm.toLowerCase() === 'pm' && hour < 12) hour += 12;
  if (ampm && ampm.toLowerCase() === 'am' && hour === 12) hour = 0;
  let offset = 0;
  if (zone) {
    const lower = zone.toLowerCase();
    const z = lower in ZONES ? ZONES[lower]! : numericZone(zone);
    if (z === null) return null;
    offset = z;
  }
  return isoFrom(y, mo, d, hour, Number(mi), Number(sec), 0, offset);
}

/** The common RFC 1123 form, read without tokenising: "Thu, 01 Jan 2004 19:48:21 GMT" / "+0000". */
const RFC1123 = /^(?:[A-Za-z]{3},? )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC|UT|Z|[+-]\d{4})$/;

function parseRfc1123(s: string): string | null {
  const m = RFC1123.exec(s);
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (month === undefined) return null;
  const zone = m[7]!;
  const offset = zone[0] === '+' || zone[0] === '-' ? numericZone(zone) : 0;
  if (offset === null) return null;
  return isoFrom(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, offset);
}

/** Reads a feed date; returns ISO 8601 in UTC, or null when the text is not a date that can be read. */
export function parseFeedDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 100) return null;
  // Unix time in seconds (some generators write it); ten digits covers 2001-2286.
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString();
  if (/^\d{4}/.test(s)) {
    const w3c = parseW3c(s);
    if (w3c) return w3c;
    // "2004-01-04 16:29:06 PST", "2003-12-31 10:14:55 +0100".
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(.+)$/.exec(s);
    if (m) {
      const lower = m[7]!.toLowerCase();
      const z = lower in ZONES ? ZONES[lower]! : numericZone(m[7]!.replace(/\s/g, ''));
      if (z !== null) return isoFrom(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, z);
    }
  }
  if (/^\d{1,4}[/.]\d{1,2}[/.]\d{1,4}/.test(s)) return parseNumeric(s);
  return parseRfc1123(s) ?? parseWords(s);
}
