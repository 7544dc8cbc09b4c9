// Pure pieces of the review queue: consensus of sources, edit parsing, evidence highlighting, CSV, formats, passwords.
import { describe, expect, test } from 'vitest';
import { consensusOf, disagreementsOf, sourceFieldsOf, type SourceFields } from '../../../src/deals/consensus.js';
import { amountInput, dealEditSchema, editFromStrings, parseLooseNumber } from '../../../src/deals/edit.js';
import { highlightEvidence } from '../../../src/web/highlight.js';
import { csvOf } from '../../../src/web/csv.js';
import { formatGw, formatUsd } from '../../../src/web/format.js';
import { hashPassword, verifyPassword } from '../../../src/web/auth/passwords.js';
import { parseUsersSetting } from '../../../src/web/auth/users.js';
import { safeBack } from '../../../src/web/routes/review.js';

const src = (over: Partial<SourceFields>): SourceFields => ({ status: 'announced', kind: 'cloud', amount_usd: null, gigawatts: null, hardware: null, confidence: 0.5, ...over });

describe('consensus of sources', () => {
  test('each field takes the best-supported value, ties go to the more confident source', () => {
    const c = consensusOf([src({ amount_usd: 300e9, confidence: 0.6 }), src({ amount_usd: 300e9, gigawatts: 4.5 }), src({ amount_usd: 330e9, gigawatts: 5, confidence: 0.9, status: 'talks' })]);
    expect(c.amountUsd).toBe(300e9);
    expect(c.gigawatts).toBe(5); // one each: the more confident
    expect(c.status).toBe('announced');
    expect(c.confidence).toBeCloseTo(1);
  });
  test('disagreements list only fields with two or more distinct values; near-equal figures agree', () => {
    const d = disagreementsOf([src({ amount_usd: 300e9, hardware: 'GB200' }), src({ amount_usd: 300.5e9, hardware: 'gb200' }), src({ amount_usd: 200e9 })]);
    expect(d).toEqual([{ field: 'amount_usd', values: [{ value: 300e9, count: 2 }, { value: 200e9, count: 1 }] }]);
  });
  test('a malformed fields object reads as nulls, never throws', () => {
    expect(sourceFieldsOf({ amount_usd: 'x', gigawatts: Infinity, hardware: 7 })).toMatchObject({ amount_usd: null, gigawatts: null, hardware: null });
  });
});

describe('edits', () => {
  test('loose numbers as reviewers type them', () => {
    expect(parseLooseNumber('$300 billion')).toBe(300e9);
    expect(parseLooseNumber('1.5t')).toBe(1.5e12);
    expect(parseLooseNumber('US$17.4bn')).toBeCloseTo(17.4e9);
    expect(parseLooseNumber('500mw')).toBe(0.5);
    expect(parseLooseNumber('4.5')).toBe(4.5);
    expect(parseLooseNumber('')).toBeNull();
    expect(parseLooseNumber('lots')).toBeUndefined();
    expect(parseLooseNumber('14.2b')).toBe(14_200_000_000);
  });
  test('amounts shown in the edit form read back exactly', () => {
    for (const v of [300e9, 14.2e9, 1.4e12, 17_400_000_000, 123_456_789_012, 999, 2.5e6]) expect(parseLooseNumber(amountInput(v))).toBe(v);
    expect(amountInput(14.2e9)).toBe('14.2b');
    expect(amountInput(null)).toBe('');
  });
  test('the edit schema refuses unknown fields, empty edits and implausible values', () => {
    expect(dealEditSchema.safeParse({ colour: 'x' }).success).toBe(false);
    expect(dealEditSchema.safeParse({}).success).toBe(false);
    expect(dealEditSchema.safeParse({ gigawatts: 5000 }).success).toBe(false);
    expect(dealEditSchema.safeParse(editFromStrings({ amount_usd: '300b', hardware: '' })).data).toEqual({ amount_usd: 300e9, hardware: null });
  });
});

describe('evidence highlighting', () => {
  test('parties (with aliases), money and power are marked; the rest is plain', () => {
    const segs = highlightEvidence('OpenAI signed a $300 billion deal with Oracle for 4.5 gigawatts via AWS? No: Oracle.', { lab: 'OpenAI', provider: 'Oracle' });
    expect(segs.filter((s) => s.mark).map((s) => [s.mark, s.text])).toEqual([
      ['lab', 'OpenAI'],
      ['money', '$300 billion'],
      ['provider', 'Oracle'],
      ['power', '4.5 gigawatts'],
      ['provider', 'Oracle'],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe('OpenAI signed a $300 billion deal with Oracle for 4.5 gigawatts via AWS? No: Oracle.');
    const aws = highlightEvidence('Anthropic expands its AWS deal', { lab: 'Anthropic', provider: 'Amazon' });
    expect(aws.find((s) => s.mark === 'provider')?.text).toBe('AWS');
    const hpe = highlightEvidence('Hewlett Packard Enterprise built the system for the laboratory.', { lab: 'Los Alamos National Laboratory', provider: 'HPE' });
    expect(hpe.find((s) => s.mark === 'provider')?.text).toBe('Hewlett Packard Enterprise');
    const ai2 = highlightEvidence('Cirrascale will host the Allen Institute for AI cluster.', { lab: 'Ai2', provider: 'Cirrascale' });
    expect(ai2.find((s) => s.mark === 'lab')?.text).toBe('Allen Institute for AI');
  });
  test('regex metacharacters in party names are literal', () => {
    expect(() => highlightEvidence('a (b) c', { lab: '(b', provider: '[x' })).not.toThrow();
  });
});

describe('small helpers', () => {
  test('CSV quotes and neutralises formulas', () => {
    expect(csvOf(['a', 'b'], [{ a: '=1+1', b: 'x,"y"' }])).toBe('a,b\r\n\'=1+1,"x,""y"""\r\n');
    expect(csvOf(['a'], [])).toBe('a\r\n');
  });
  test('formats', () => {
    // The pages spell money as the CLI, alerts and digest do (src/format.ts; pinned in test/unit/format.test.ts).
    expect(formatUsd(300e9)).toBe('$300 billion');
    expect(formatUsd(1.4e12)).toBe('$1.4 trillion');
    expect(formatUsd(17.4e9)).toBe('$17.4 billion');
    expect(formatGw(0.75)).toBe('750 MW');
    expect(formatGw(4.5)).toBe('4.5 GW');
  });
  test('return addresses stay on the site', () => {
    expect(safeBack('/?state=approved')).toBe('/?state=approved');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'javascript:alert(1)', 42]) expect(safeBack(bad)).toBe('/');
  });
  test('passwords: scrypt hashes verify, wrong passwords and malformed hashes do not', async () => {
    const h = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('wrong horse', h)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$99999999$8$1$AA==$AA==')).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(parseUsersSetting(`ann:${h}, bob:${h}`).size).toBe(2);
    expect(() => parseUsersSetting('ann:plaintext')).toThrow(/LANEWATCH_USERS/);
  });
});
