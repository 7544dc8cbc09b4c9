import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LanesCsvError, parseBaselineCsv, parseCsvRecords, parseFirstDate } from '../../../src/lanes/baseline.js';

const header = 'lab,provider,kind,first_date,source_url,note';

function problemsOf(text: string): string[] {
  try {
    parseBaselineCsv(text, 'lanes.csv');
  } catch (err) {
    if (err instanceof LanesCsvError) return err.problems;
    throw err;
  }
  throw new Error('expected a LanesCsvError');
}

describe('the shipped baseline (config/lanes.csv)', () => {
  const rows = parseBaselineCsv(readFileSync(new URL('../../../config/lanes.csv', import.meta.url), 'utf8'), 'config/lanes.csv');

  it('parses, with a source URL on every lane', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const r of rows) expect(r.sourceUrl).toMatch(/^https:\/\//);
  });

  it('gives Anthropic exactly two lanes, so that SpaceX is its third', () => {
    const anthropic = rows.filter((r) => r.lab === 'Anthropic').map((r) => r.provider).sort();
    expect(anthropic).toEqual(['Amazon', 'Google']);
  });

  it('holds the reported 2025 map', () => {
    const pairs = new Set(rows.map((r) => `${r.lab}→${r.provider}`));
    for (const p of ['OpenAI→Microsoft', 'OpenAI→Oracle', 'OpenAI→CoreWeave', 'OpenAI→SoftBank', 'OpenAI→Nvidia', 'OpenAI→AMD', 'OpenAI→Broadcom', 'OpenAI→Google', 'OpenAI→Amazon', 'Microsoft→Nebius', 'Microsoft→IREN', 'Microsoft→Nscale', 'Meta→Google', 'Meta→CoreWeave', 'xAI→Oracle']) {
      expect(pairs.has(p), p).toBe(true);
    }
  });
});

describe('parsing a baseline CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and skips comments and blank lines', () => {
    const rows = parseBaselineCsv(
      `# comment\n${header}\r\n\nOpenAI,Oracle,cloud,2024-06-11,https://a.example/x,"OCI, extended ""Azure""\nplatform"\nxAI,Oracle,cloud,2023-09,https://b.example/,\n`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ lab: 'OpenAI', provider: 'Oracle', kind: 'cloud', note: 'OCI, extended "Azure"\nplatform', line: 4 });
    expect(rows[0].firstDate.toISOString()).toBe('2024-06-11T00:00:00.000Z');
    expect(rows[1]).toMatchObject({ lab: 'xAI', note: null, line: 6 });
    expect(rows[1].firstDate.toISOString()).toBe('2023-09-01T00:00:00.000Z');
    // The month is all the file said: it is kept, so that the map shows 2023-09, not an invented 2023-09-01.
    expect(rows.map((r) => r.firstDatePrecision)).toEqual(['day', 'month']);
    expect(parseBaselineCsv(`${header}\nA,B,cloud,2023,https://a.example/,\n`)[0].firstDatePrecision).toBe('year');
  });

  it('names the line and the problem of every bad row', () => {
    const problems = problemsOf(
      [
        header,
        'OpenAI,Oracle,cloud,2024-06-11,https://a.example/,ok',
        'OpenAI,Oracle,cloud,2024-06-12,https://a.example/,again',
        'Meta,Google,compute,2025-08-21,https://a.example/,',
        'Meta,CoreWeave,cloud,2025-13-01,https://a.example/,',
        'Meta,Nebius,cloud,2025-02-30,ftp://a.example/,',
        ',Nscale,cloud,2025,https://a.example/,',
        'Meta,Oracle,cloud,2025',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'line 3: OpenAI → Oracle is already on line 2',
      'line 4: kind "compute" is not one of cloud, chips, datacenter, power, fab, investment',
      'line 5: first_date "2025-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)',
      'line 6: first_date "2025-02-30" is not a date (YYYY, YYYY-MM or YYYY-MM-DD); source_url "ftp://a.example/" is not an http(s) URL',
      'line 7: lab is empty',
      'line 8: 4 fields, the header has 6',
    ]);
  });

  it('says which columns the header lacks', () => {
    expect(problemsOf('lab,provider,kind\nA,B,cloud\n')).toEqual(['line 1: header lacks columns first_date, source_url']);
  });

  it('rejects an empty file and an unclosed quote', () => {
    expect(problemsOf('')[0]).toMatch(/^line 1: no header row/);
    expect(problemsOf(`${header}\nA,B,cloud,2024,https://a.example/,"never closed\n`)).toEqual(['line 2: a quoted field is never closed']);
  });

  it('puts the file name and the count in the message', () => {
    expect(() => parseBaselineCsv(`${header}\nA,B,nope,2024,https://a.example/,\n`, 'my.csv')).toThrow(/^my\.csv: 1 bad row, nothing imported:\n {2}line 2: kind "nope"/);
  });
});

describe('first dates', () => {
  it('accepts a year, a month or a day', () => {
    expect(parseFirstDate('2019')?.toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(parseFirstDate('2019-07')?.toISOString()).toBe('2019-07-01T00:00:00.000Z');
    expect(parseFirstDate('2019-07-22')?.toISOString()).toBe('2019-07-22T00:00:00.000Z');
    expect(parseFirstDate('22/07/2019')).toBeNull();
    expect(parseFirstDate('2019-7-22')).toBeNull();
  });
});

describe('CSV records', () => {
  it('reports text after a closing quote', () => {
    expect(parseCsvRecords('a,"b"c\n')).toEqual({ error: 'text after a closing quote (write "" for a quote inside a quoted field)', line: 1 });
  });
});
