// The review desk's pure parts: sealed notices, lane dates at their precision, timeline label placement.
import { describe, expect, test } from 'vitest';
import { firstDatePrecision, parseFirstDate } from '../../../src/lanes/baseline.js';
import { formatDate } from '../../../src/format.js';
import { noticeText, openNotice, sealNotice, type Notice } from '../../../src/web/flash.js';
import { lastSentenceNaming, namesParty } from '../../../src/web/highlight.js';
import { levelOffset, nameLines, placeLabels } from '../../../src/web/routes/lanes-timeline.js';

describe('sealed notices', () => {
  const notice: Notice = { code: 'approved', deal: 12, lab: 'xAI', provider: 'Oracle', laneOpened: true };

  test('open what was sealed for the same session, and word it on the server', () => {
    const opened = openNotice(sealNotice(notice, 'session-a'), 'session-a');
    expect(opened).toEqual(notice);
    expect(noticeText(opened!)).toBe('Approved #12 xAI → Oracle — a new lane is open and its alert is queued.');
  });

  test("an approval that raised an alert says when it goes out (the undo window), or that it is being sent", () => {
    expect(noticeText({ ...notice, alert: 7, alertDelaySeconds: 120 })).toBe('Approved #12 xAI → Oracle — a new lane is open; alert #7 goes out in 2 min unless you undo.');
    expect(noticeText({ ...notice, alert: 7, alertDelaySeconds: 0 })).toBe('Approved #12 xAI → Oracle — a new lane is open; alert #7 is being sent.');
    expect(noticeText({ ...notice, laneOpened: false })).toBe('Approved #12 xAI → Oracle.');
  });

  test('refuse another session, a changed payload, a missing signature and junk', () => {
    const sealed = sealNotice(notice, 'session-a');
    expect(openNotice(sealed, 'session-b')).toBeNull();
    expect(openNotice(sealed, undefined)).toBeNull();
    const [payload, sig] = sealed.split('.');
    const changed = Buffer.from(JSON.stringify({ ...notice, deal: 13 })).toString('base64url');
    expect(openNotice(`${changed}.${sig}`, 'session-a')).toBeNull();
    expect(openNotice(payload, 'session-a')).toBeNull();
    expect(openNotice('', 'session-a')).toBeNull();
    expect(openNotice('x'.repeat(5000), 'session-a')).toBeNull();
  });

  test('only the fixed codes can be sealed', () => {
    expect(() => sealNotice({ code: 'custom', message: 'hi' } as unknown as Notice, 's')).toThrow();
  });
});

describe('lane dates', () => {
  test('shown as precisely as they were given', () => {
    for (const given of ['2023', '2025-09', '2025-09-22']) {
      expect(formatDate(parseFirstDate(given)!, firstDatePrecision(given))).toBe(given);
    }
  });
});

describe('timeline labels', () => {
  const overlaps = (placed: ReturnType<typeof placeLabels>) => {
    const out: string[] = [];
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i];
        const b = placed[j];
        if (a.level === b.level && a.x - a.width / 2 < b.x + b.width / 2 && b.x - b.width / 2 < a.x + a.width / 2) out.push(`${i}/${j}`);
      }
    return out;
  };

  test("ten labels within a few pixels of each other (OpenAI's 2025) get lines of their own, inside the chart", () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ x: 880 + i * 4, label: `${i + 1}. Provider number ${i}` }));
    const placed = placeLabels(items, 110, 956);
    expect(overlaps(placed)).toEqual([]);
    for (const p of placed) {
      expect(p.x - p.width / 2).toBeGreaterThanOrEqual(110);
      expect(p.x + p.width / 2).toBeLessThanOrEqual(956);
    }
    expect(new Set(placed.map((p) => p.level)).size).toBeGreaterThan(4);
  });

  test('a lab name wider than the margin breaks at spaces; a too-long word is cut', () => {
    expect(nameLines('OpenAI')).toEqual(['OpenAI']);
    expect(nameLines('Safe Superintelligence Inc', 12)).toEqual(['Safe', 'Superintell…', 'Inc']);
    expect(nameLines('Thinking Machines Lab', 12)).toEqual(['Thinking', 'Machines Lab']);
  });

  test('labels far apart share one line; lines alternate above and below', () => {
    const placed = placeLabels([{ x: 200, label: 'A' }, { x: 500, label: 'B' }, { x: 800, label: 'C' }], 110, 956);
    expect(placed.map((p) => p.level)).toEqual([0, 0, 0]);
    expect(levelOffset(0)).toBeLessThan(0);
    expect(levelOffset(1)).toBeGreaterThan(0);
    expect(levelOffset(2)).toBeLessThan(levelOffset(0));
  });
});

describe('a lab named only earlier', () => {
  test('the last sentence before the evidence that names the lab or an alias', () => {
    expect(namesParty('The company will rent GPUs.', 'OpenAI')).toBe(false);
    expect(namesParty('The ChatGPT maker will rent GPUs.', 'OpenAI')).toBe(true);
    expect(lastSentenceNaming('OpenAI raised money. Then the ChatGPT maker hired. Nothing here.', 'OpenAI')).toBe('Then the ChatGPT maker hired.');
    expect(lastSentenceNaming('Nobody is named here.', 'OpenAI')).toBeNull();
  });
});
