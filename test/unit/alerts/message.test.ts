import { describe, expect, it } from 'vitest';
import { buildLaneAlert, dealFacts, laneAlertText, laneHeadline, ordinalWord } from '../../../src/alerts/message.js';
import { renderLaneAlert, renderTestMessage } from '../../../src/alerts/render.js';

const deal = {
  id: 7,
  kind: 'cloud',
  status: 'announced',
  amountUsd: null,
  gigawatts: null,
  hardware: null,
  confidence: 0.9,
  reportedAt: '2026-05-09T00:00:00.000Z',
};

describe('ordinal words', () => {
  it('says first to twentieth in words and larger numbers with suffixes', () => {
    expect([1, 2, 3, 4, 11, 12, 20].map(ordinalWord)).toEqual(['first', 'second', 'third', 'fourth', 'eleventh', 'twelfth', 'twentieth']);
    expect([21, 22, 23, 24, 111, 112, 113, 101].map(ordinalWord)).toEqual(['21st', '22nd', '23rd', '24th', '111th', '112th', '113th', '101st']);
  });
  it('refuses what has no ordinal', () => {
    expect(() => ordinalWord(0)).toThrow(RangeError);
    expect(() => ordinalWord(1.5)).toThrow(RangeError);
  });
});

describe('the headline', () => {
  it('says a third lane and lists the earlier ones in order', () => {
    expect(laneHeadline('Anthropic', 'SpaceX', ['Amazon', 'Google'])).toBe('Anthropic added a third compute lane: SpaceX (after Amazon, Google)');
  });
  it('says "its first" when the lab had none', () => {
    expect(laneHeadline('Mistral', 'Fluidstack', [])).toBe('Mistral added its first compute lane: Fluidstack');
  });
  it('says second with one earlier lane', () => {
    expect(laneHeadline('xAI', 'Nvidia', ['Oracle'])).toBe('xAI added a second compute lane: Nvidia (after Oracle)');
  });
});

describe('an earlier lane found late', () => {
  it('is announced with its date and the lanes it came before, not as the newest', () => {
    expect(laneHeadline('Anthropic', 'Microsoft', ['Google', 'Amazon'], { laterProviders: ['SpaceX'], firstReported: '2025-11-21' })).toBe(
      'Anthropic → Microsoft, first reported 2025-11-21, before SpaceX: an earlier compute lane found late (third of 4, after Google, Amazon)',
    );
  });
  it('can be the lab\'s first lane', () => {
    expect(laneHeadline('Mistral', 'Fluidstack', [], { laterProviders: ['Nscale', 'CoreWeave'], firstReported: '2024' })).toBe(
      'Mistral → Fluidstack, first reported 2024, before Nscale, CoreWeave: an earlier compute lane found late (first of 3)',
    );
  });
  it('keeps its place in the payload', () => {
    const { payload } = buildLaneAlert({
      lab: 'Anthropic',
      provider: 'Microsoft',
      previousProviders: ['Google', 'Amazon'],
      laterProviders: ['SpaceX'],
      firstReported: '2025-11-21',
      confirmed: true,
      deal,
      sources: [],
      publicUrl: 'http://x',
    });
    expect(payload).toMatchObject({ ordinal: 3, previousProviders: ['Google', 'Amazon'], laterProviders: ['SpaceX'], firstReported: '2025-11-21' });
  });
});

describe('the facts', () => {
  it('spell money, power, date and confidence with the one formatter', () => {
    const facts = Object.fromEntries(dealFacts({ ...deal, amountUsd: 1.1e12, gigawatts: 0.75, confidence: 0.78 }));
    expect(facts).toMatchObject({ Amount: '$1.1 trillion', Power: '750 MW', Reported: '2026-05-09', Confidence: '78%' });
  });
});

describe('the alert message', () => {
  const { message, payload } = buildLaneAlert({
    lab: 'Anthropic',
    provider: 'SpaceX',
    previousProviders: ['Google', 'Amazon'],
    confirmed: true,
    deal: { ...deal, amountUsd: 30e9, gigawatts: 1.5, hardware: 'GB300' },
    sources: [{ evidence: 'anthropic locked in a compute pact with spacex.', url: 'https://example.com/a?x=1&y=<2>', title: 'The <b>map</b>', published: null }],
    publicUrl: 'https://lanewatch.example/',
  });

  it('carries the fields, the evidence, the source and the review link', () => {
    expect(message).toBe('Anthropic added a third compute lane: SpaceX (after Google, Amazon)');
    const text = laneAlertText(payload);
    expect(text).toContain('Amount: $30 billion');
    expect(text).toContain('Power: 1.5 GW');
    expect(text).toContain('Hardware: GB300');
    expect(text).toContain('Evidence: "anthropic locked in a compute pact with spacex."');
    expect(text).toContain('https://example.com/a?x=1&y=<2>');
    expect(text).toContain('Review: https://lanewatch.example/deals/7');
  });

  it('says what it does not know', () => {
    const text = laneAlertText(buildLaneAlert({ lab: 'A', provider: 'B', previousProviders: [], confirmed: true, deal, sources: [], publicUrl: 'http://x' }).payload);
    expect(text).toContain('Amount: not stated');
    expect(text).toContain('Power: not stated');
    expect(text).toContain('Evidence: none recorded');
  });

  it('marks a provisional alert as unconfirmed', () => {
    const p = buildLaneAlert({ lab: 'A', provider: 'B', previousProviders: ['C'], confirmed: false, deal, sources: [], publicUrl: 'http://x' });
    expect(p.message).toBe('Unconfirmed: A added a second compute lane: B (after C) (candidate pending review)');
    expect(p.payload.confirmed).toBe(false);
  });

  it('escapes the HTML e-mail and the Slack text', () => {
    const out = renderLaneAlert(3, payload, new Date('2026-05-09T00:00:00Z'));
    expect(out.html).toContain('The &lt;b&gt;map&lt;/b&gt;');
    expect(out.html).not.toContain('<b>map</b>');
    expect(out.html).toContain('href="https://example.com/a?x=1&amp;y=%3C2%3E"');
    const slack = JSON.stringify(out.slackBlocks);
    expect(slack).toContain('The &lt;b&gt;map&lt;/b&gt;');
    expect(out.payload).toMatchObject({ event: 'lane.opened', alertId: 3, lab: 'Anthropic', provider: 'SpaceX', ordinal: 3 });
    expect(out.subject).toBe('[lanewatch] Anthropic added a third compute lane: SpaceX (after Google, Amazon)');
  });

  it('keeps a javascript: source URL from becoming a link', () => {
    const p = buildLaneAlert({ lab: 'A', provider: 'B', previousProviders: [], confirmed: true, deal, sources: [{ evidence: 'e', url: 'javascript:alert(1)', title: null, published: null }], publicUrl: 'http://x' });
    const out = renderLaneAlert(1, p.payload, new Date());
    expect(out.html).not.toContain('javascript:');
  });

  it('makes a test message that says it is a test', () => {
    const t = renderTestMessage(new Date('2026-01-01T00:00:00Z'), 'http://x');
    expect(t.kind).toBe('test');
    expect(t.subject).toContain('Test from lanewatch');
    expect(t.payload.event).toBe('test');
  });
});
