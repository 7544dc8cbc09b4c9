// The baseline lane map (config/lanes.csv): the lanes known before lanewatch started watching.
// `lanewatch lanes import FILE` parses the whole file first; one bad row rejects the file with every problem listed
// by line, and nothing is written.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { dealKinds, lanes, type DatePrecision, type DealKind } from '../db/schema.js';
import { httpUrl } from '../text/urls.js';

export interface BaselineLane {
  lab: string;
  provider: string;
  kind: DealKind;
  firstDate: Date;
  /** How much of the date the file gave: "2023" is a year, "2025-09" a month. */
  firstDatePrecision: DatePrecision;
  sourceUrl: string;
  note: string | null;
  /** 1-based line of the file the row starts on. */
  line: number;
}

export class LanesCsvError extends Error {
  override name = 'LanesCsvError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} bad row${problems.length === 1 ? '' : 's'}, nothing imported:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Splits CSV text (RFC 4180 quoting, CRLF or LF) into records with the line each starts on; `#` lines are comments. */
export function parseCsvRecords(text: string): { line: number; fields: string[] }[] | { error: string; line: number } {
  const records: { line: number; fields: string[] }[] = [];
  let i = 0;
  let line = 1;
  const src = text.replace(/^\uFEFF/, '');
  while (i < src.length) {
    const startLine = line;
    // Whole-line comments and blank lines.
    if (src[i] === '#' || src[i] === '\n' || (src[i] === '\r' && src[i + 1] === '\n')) {
      while (i < src.length && src[i] !== '\n') i++;
      i++;
      line++;
      continue;
    }
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (;;) {
      if (i >= src.length) {
        if (quoted) return { error: 'a quoted field is never closed', line: startLine };
        fields.push(field);
        break;
      }
      const c = src[i];
      if (quoted) {
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
            return { error: 'text after a closing quote (write "" for a quote inside a quoted field)', line };
          }
          continue;
        }
        if (c === '\n') line++;
        field += c;
        i++;
        continue;
      }
      if (c === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
        i++;
        continue;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
        continue;
      }
      if (c === '\r' && src[i + 1] === '\n') i++;
      if (src[i] === '\n') {
        fields.push(field);
        i++;
        line++;
        break;
      }
      field += c;
      atFieldStart = false;
      i++;
    }
    records.push({ line: startLine, fields });
  }
  return records;
}

const requiredColumns = ['lab', 'provider', 'kind', 'first_date', 'source_url'] as const;

/** "2023", "2023-09" or "2023-09-25" → the first moment of that year, month or day (UTC); anything else → null. */
export function parseFirstDate(value: string): Date | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 2025-13-01 and 2025-02-30, which Date would roll over.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** The precision of a first_date that parseFirstDate accepted: "2023" → year, "2023-09" → month, else day. */
export function firstDatePrecision(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

const isHttpUrl = (value: string): boolean => httpUrl(value) !== null;

/** Parses a baseline CSV; throws LanesCsvError listing every bad row by line. */
export function parseBaselineCsv(text: string, file = 'lanes.csv'): BaselineLane[] {
  const parsed = parseCsvRecords(text);
  if (!Array.isArray(parsed)) throw new LanesCsvError(file, [`line ${parsed.line}: ${parsed.error}`]);
  if (parsed.length === 0) throw new LanesCsvError(file, ['line 1: no header row (expected lab,provider,kind,first_date,source_url[,note])']);
  const [header, ...rows] = parsed;
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length) throw new LanesCsvError(file, [`line ${header.line}: header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`]);
  const at = (fields: string[], name: string) => {
    const idx = columns.indexOf(name);
    return idx < 0 ? '' : (fields[idx] ?? '').trim();
  };

  const problems: string[] = [];
  const out: BaselineLane[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const where = `line ${line}`;
    if (fields.length !== columns.length) {
      problems.push(`${where}: ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns.length}`);
      continue;
    }
    const rowProblems: string[] = [];
    const lab = at(fields, 'lab');
    const provider = at(fields, 'provider');
    const kind = at(fields, 'kind');
    const firstDate = parseFirstDate(at(fields, 'first_date'));
    const sourceUrl = at(fields, 'source_url');
    if (!lab) rowProblems.push('lab is empty');
    if (!provider) rowProblems.push('provider is empty');
    if (lab && provider && lab === provider) rowProblems.push(`lab and provider are both ${JSON.stringify(lab)}`);
    if (!(dealKinds as readonly string[]).includes(kind)) rowProblems.push(`kind ${JSON.stringify(kind)} is not one of ${dealKinds.join(', ')}`);
    if (!firstDate) rowProblems.push(`first_date ${JSON.stringify(at(fields, 'first_date'))} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    if (!isHttpUrl(sourceUrl)) rowProblems.push(`source_url ${JSON.stringify(sourceUrl)} is not an http(s) URL`);
    const key = `${lab}\u0000${provider}`;
    if (lab && provider && seen.has(key)) rowProblems.push(`${lab} → ${provider} is already on line ${seen.get(key)}`);
    if (rowProblems.length) {
      problems.push(`${where}: ${rowProblems.join('; ')}`);
      continue;
    }
    seen.set(key, line);
    out.push({
      lab,
      provider,
      kind: kind as DealKind,
      firstDate: firstDate as Date,
      firstDatePrecision: firstDatePrecision(at(fields, 'first_date')),
      sourceUrl,
      note: at(fields, 'note') || null,
      line,
    });
  }
  if (problems.length) throw new LanesCsvError(file, problems);
  return out;
}

export interface ImportResult {
  inserted: number;
  updated: number;
  /** Pairs whose lane a review had already opened: left as they are. */
  keptReviewLanes: number;
}

/**
 * Writes baseline lanes: new pairs are inserted, baseline rows are updated to the file, lanes opened by a review are
 * kept (the baseline never rewrites what reviewers decided). Run it inside one transaction (the CLI does).
 */
export async function importBaseline(db: DbOrTx, rows: BaselineLane[]): Promise<ImportResult> {
  const result: ImportResult = { inserted: 0, updated: 0, keptReviewLanes: 0 };
  for (const row of rows) {
    const [written] = await db
      .insert(lanes)
      .values({
        lab: row.lab,
        provider: row.provider,
        kind: row.kind,
        origin: 'baseline',
        openedAt: row.firstDate,
        openedAtPrecision: row.firstDatePrecision,
        sourceUrl: row.sourceUrl,
      })
      .onConflictDoUpdate({
        target: [lanes.lab, lanes.provider],
        set: { kind: row.kind, openedAt: row.firstDate, openedAtPrecision: row.firstDatePrecision, sourceUrl: row.sourceUrl },
        setWhere: sql`${lanes.origin} = 'baseline'`,
      })
      // xmax = 0 only for a freshly inserted row version: tells an insert from an update in one statement.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (!written) result.keptReviewLanes++;
    else if (written.inserted) result.inserted++;
    else result.updated++;
  }
  return result;
}
