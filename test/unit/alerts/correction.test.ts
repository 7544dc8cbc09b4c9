// The correction sent when a reviewer undoes the approval behind a new-lane alert: words, rendering, bad payloads.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/db/schema.js';
import { buildLaneCorrection, correctionHeadline, laneCorrectionText } from '../../../src/alerts/message.js';
import { renderAlert } from '../../../src/alerts/render.js';

const withdrawnAt = new Date('2026-06-01T12:00:00Z');

function correctionRow(lab: string, provider: string, overrides: Partial<Alert> = {}): Alert {
  const { message, payload } = buildLaneCorrection({
    lab,
    provider,
    correctsAlertId: 3,
    correctedHeadline: `${lab} added a third compute lane: ${provider} (after Google, Amazon)`,
    dealId: 42,
    withdrawnAt,
    publicUrl: 'https://lanewatch.example/',
  });
  return {
    id: 9,
    kind: 'correction',
    lab,
    provider,
    laneId: null,
    dealId: 42,
    provisional: false,
    message,
    payload,
    withdrawnAt: null,
    correctsAlertId: 3,
    sendAfter: null,
    createdAt: withdrawnAt,
    ...overrides,
  };
}

describe('the correction', () => {
  it('says which lane was withdrawn, in the words the channels send', () => {
    expect(correctionHeadline('Anthropic', 'SpaceX')).toBe('Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer');
    const { payload } = buildLaneCorrection({ lab: 'Anthropic', provider: 'SpaceX', correctsAlertId: 3, correctedHeadline: 'Anthropic added a third compute lane: SpaceX', dealId: 42, withdrawnAt, publicUrl: 'https://lanewatch.example/' });
    expect(payload.reviewUrl).toBe('https://lanewatch.example/deals/42');
    const text = laneCorrectionText(payload);
    expect(text.split('\n')[0]).toBe('Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer');
    expect(text).toContain('"Anthropic added a third compute lane: SpaceX" (alert 3)');
  });

  it('renders for every channel as a lane.withdrawn event', () => {
    const m = renderAlert(correctionRow('Anthropic', 'SpaceX'));
    expect(m.id).toBe('alert-9');
    expect(m.subject).toBe('[lanewatch] Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer');
    expect(m.payload).toMatchObject({ event: 'lane.withdrawn', alertId: 9, type: 'correction', correctsAlertId: 3, dealId: 42 });
    expect(m.html).toContain('<a href="https://lanewatch.example/deals/42">');
  });

  it('escapes party names in the HTML and the Slack text', () => {
    const m = renderAlert(correctionRow('<!channel>', '<b>X</b>'));
    expect(m.html).not.toContain('<b>X</b>');
    expect(m.html).toContain('&lt;b&gt;X&lt;/b&gt;');
    // The header block is plain_text (Slack reads no markup there); the mrkdwn blocks are escaped.
    const mrkdwn = JSON.stringify(m.slackBlocks.filter((b) => b.type !== 'header'));
    expect(mrkdwn).not.toContain('<!channel>');
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(m.slackBlocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
  });

  it('says what the reviewer did: undo, edit, reject or merge', () => {
    const base = { lab: 'Anthropic', provider: 'SpaceX', correctsAlertId: 3, correctedHeadline: 'Anthropic added a third compute lane: SpaceX', dealId: 42, withdrawnAt, publicUrl: 'https://lanewatch.example' };
    const reason = (extra: Partial<Parameters<typeof buildLaneCorrection>[0]>) => laneCorrectionText(buildLaneCorrection({ ...base, ...extra }).payload).split('\n')[2];
    expect(reason({})).toBe('The approval behind the earlier alert "Anthropic added a third compute lane: SpaceX" (alert 3) was undone; the deal is back in the review queue.');
    expect(reason({ reason: 'edited', now: { dealId: 42, lab: 'Anthropic', provider: 'xAI' } })).toBe('A reviewer corrected deal 42 to Anthropic → xAI, so the earlier alert "Anthropic added a third compute lane: SpaceX" (alert 3) no longer holds.');
    expect(reason({ reason: 'rejected' })).toBe('A reviewer rejected the candidate behind the earlier alert "Anthropic added a third compute lane: SpaceX" (alert 3).');
    expect(reason({ reason: 'merged', now: { dealId: 7, lab: 'Anthropic', provider: 'Amazon' } })).toBe('A reviewer merged the candidate behind the earlier alert "Anthropic added a third compute lane: SpaceX" (alert 3) into deal 7 (Anthropic → Amazon).');
    const m = renderAlert(correctionRow('Anthropic', 'SpaceX', { payload: buildLaneCorrection({ ...base, reason: 'rejected' }).payload }));
    expect(m.html).toContain('A reviewer rejected the candidate behind the earlier alert “Anthropic added a third compute lane: SpaceX” (alert 3).');
    expect(m.payload).toMatchObject({ event: 'lane.withdrawn', reason: 'rejected' });
  });

  it('a correction stored before reasons existed reads as an undo', () => {
    const { payload } = buildLaneCorrection({ lab: 'Anthropic', provider: 'SpaceX', correctsAlertId: 3, correctedHeadline: 'X', dealId: 42, withdrawnAt, publicUrl: 'https://lanewatch.example' });
    const { reason: _reason, now: _now, ...old } = payload;
    const m = renderAlert(correctionRow('Anthropic', 'SpaceX', { payload: old }));
    expect(m.text).toContain('was undone; the deal is back in the review queue.');
    expect(m.payload).toMatchObject({ reason: 'undone', now: null });
  });

  it('a correction whose payload no longer parses is still sent, as its stored message', () => {
    const m = renderAlert(correctionRow('Anthropic', 'SpaceX', { payload: { type: 'correction', lab: 'Anthropic' } }));
    expect(m.text).toBe('Correction: the new compute lane Anthropic → SpaceX was withdrawn by a reviewer');
    expect(m.payload).toMatchObject({ event: 'lane.withdrawn', alertId: 9 });
  });
});
