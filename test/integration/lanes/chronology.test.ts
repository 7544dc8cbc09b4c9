// One chronology on real PostgreSQL: a lab's lanes ordered by the date each was first reported, and the alert, the
// lane map (loadLaneMap, `lanewatch lanes`) and the digest telling the same order, also when a lane is found late.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals } from '../../../src/db/schema.js';
import { laneMapText } from '../../../src/cli/commands/lanes.js';
import { labChronology } from '../../../src/alerts/chronology.js';
import { buildDigestPayload } from '../../../src/alerts/digest.js';
import { digestText } from '../../../src/alerts/digest-render.js';
import { laneRecord, loadLaneMap, timelineLine } from '../../../src/lanes/map.js';
import { alertsOf, laneOf, startHarness, type LanesHarness } from './setup.js';

const run = promisify(execFile);
const bin = new URL('../../../bin/lanewatch.js', import.meta.url).pathname;

let h: LanesHarness;
const start = new Date();

/** A candidate reported on `reportedAt`, approved through the review. */
async function approveReported(lab: string, provider: string, reportedAt: string): Promise<number | null> {
  const deal = await h.insertDeal({ lab, provider });
  await h.db.db.update(deals).set({ reportedAt: new Date(reportedAt) }).where(eq(deals.id, deal.id));
  return (await h.approve(deal.id, { enqueue: false })).alertId;
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('a lane found after a later one', () => {
  it('the newest lane is announced as the newest', async () => {
    await approveReported('Anthropic', 'SpaceX', '2026-05-09T00:00:00Z');
    const [alert] = await alertsOf(h, 'Anthropic', 'SpaceX');
    expect(alert.message).toBe('Anthropic added a third compute lane: SpaceX (after Google, Amazon)');
  });

  it('an earlier-reported lane found next is announced as found late, in its place', async () => {
    await approveReported('Anthropic', 'Microsoft', '2025-11-21T00:00:00Z');
    const [alert] = await alertsOf(h, 'Anthropic', 'Microsoft');
    expect(alert.message).toBe(
      'Anthropic → Microsoft, first reported 2025-11-21, before SpaceX: an earlier compute lane found late (third of 4, after Google, Amazon)',
    );
    expect(alert.payload).toMatchObject({ ordinal: 3, previousProviders: ['Google', 'Amazon'], laterProviders: ['SpaceX'], firstReported: '2025-11-21' });
  });

  it('the lane map has the same order', async () => {
    const chronology = (await labChronology(h.db.db, 'Anthropic')).map((e) => e.provider);
    expect(chronology).toEqual(['Google', 'Amazon', 'Microsoft', 'SpaceX']);
    const map = await loadLaneMap(h.db.db, { lab: 'Anthropic' });
    expect(map.timelines[0].lanes.map((l) => l.provider)).toEqual(chronology);
    expect(timelineLine(map.timelines[0])).toBe('Anthropic: Google 2023 → Amazon 2023 → Microsoft 2025 → SpaceX 2026');
    expect(map.cells.map((c) => c.provider)).toEqual(chronology);
  });

  it('`lanewatch lanes` prints the same order', async () => {
    const { stdout } = await run(process.execPath, [bin, 'lanes', '--lab', 'Anthropic'], {
      env: { ...process.env, DATABASE_URL: h.db.url, REDIS_URL: h.settings.REDIS_URL, QUEUE_PREFIX: h.settings.QUEUE_PREFIX, LOG_LEVEL: 'silent' },
    });
    expect(stdout.split('\n')[0]).toBe('Anthropic: Google 2023 → Amazon 2023 → Microsoft 2025 → SpaceX 2026');
    const rows = stdout.split('\n').filter((l) => l.startsWith('Anthropic '));
    expect(rows.map((l) => l.split(/\s{2,}/)[1])).toEqual(['Google', 'Amazon', 'Microsoft', 'SpaceX']);
  });

  it('the digest tells each new lane as the chronology has it now', async () => {
    const payload = await buildDigestPayload(h.db.db, start, new Date(Date.now() + 60_000), h.settings.PUBLIC_URL);
    const anthropic = payload.newLanes.filter((l) => l.lab === 'Anthropic');
    expect(anthropic.map((l) => l.headline)).toEqual([
      'Anthropic → Microsoft, first reported 2025-11-21, before SpaceX: an earlier compute lane found late (third of 4, after Google, Amazon)',
      'Anthropic added a fourth compute lane: SpaceX (after Google, Amazon, Microsoft)',
    ]);
    expect(anthropic.map((l) => l.firstReported)).toEqual(['2025-11-21', '2026-05-09']);
    expect(digestText(payload)).toContain('- Anthropic added a fourth compute lane: SpaceX (after Google, Amazon, Microsoft)');
  });

  it('a lane\'s first date moves to its earliest approved deal', async () => {
    await approveReported('Anthropic', 'SpaceX', '2025-10-01T00:00:00Z');
    expect((await laneOf(h, 'Anthropic', 'SpaceX'))?.openedAt).toEqual(new Date('2025-10-01T00:00:00Z'));
    expect((await labChronology(h.db.db, 'Anthropic')).map((e) => e.provider)).toEqual(['Google', 'Amazon', 'SpaceX', 'Microsoft']);
    // No new alert: the pair's lane was already open.
    expect(await alertsOf(h, 'Anthropic', 'SpaceX')).toHaveLength(1);
  });

  it('a lab\'s first lane found after nothing is known stays "its first"', async () => {
    await approveReported('Reka', 'Lambda', '2025-01-01T00:00:00Z');
    expect((await alertsOf(h, 'Reka', 'Lambda'))[0].message).toBe('Reka added its first compute lane: Lambda');
  });
});

describe('dates with the precision they were given', () => {
  it('keeps a year-only or month-only baseline date as such on the map, in JSON and CSV and in the CLI', async () => {
    const map = await loadLaneMap(h.db.db, { lab: 'Microsoft' });
    const records = Object.fromEntries(map.cells.map((c) => [c.provider, laneRecord(c)]));
    expect(records.CoreWeave).toMatchObject({ first_date: '2023', first_date_precision: 'year', last_date: '2023' });
    expect(records.Nscale).toMatchObject({ first_date: '2025-09', first_date_precision: 'month' });
    expect(records.Nebius).toMatchObject({ first_date: '2025-09-08', first_date_precision: 'day' });
    const text = laneMapText(map);
    expect(text).toMatch(/Microsoft\s+CoreWeave\s+cloud\s+baseline\s+0\s+—\s+—\s+2023\s+2023/);
    expect(text).not.toContain('2023-01-01');
  });

  it('a lane found late before a month-only baseline lane names that lane', async () => {
    await approveReported('Microsoft', 'Lambda', '2025-09-02T00:00:00Z');
    const [alert] = await alertsOf(h, 'Microsoft', 'Lambda');
    // Nscale's "2025-09" stands at 2025-09-01, Nebius's 2025-09-08 and IREN's 2025-11-03 come after 2025-09-02.
    expect(alert.message).toBe(
      'Microsoft → Lambda, first reported 2025-09-02, before Nebius, IREN: an earlier compute lane found late (third of 5, after CoreWeave, Nscale)',
    );
  });
});
