import { describe, expect, it } from 'vitest';
import { compileGazetteer, defaultGazetteer, findKnownEntities } from '../../../src/extract/gazetteer.js';

const names = (text: string): string[] => findKnownEntities(text).map((e) => e.name);

describe('gazetteer', () => {
  it.each([
    ['AWS', 'Amazon'],
    ['Amazon Web Services', 'Amazon'],
    ['aws', 'Amazon'],
    ['Azure', 'Microsoft'],
    ['Microsoft Azure', 'Microsoft'],
    ['GCP', 'Google'],
    ['Google Cloud', 'Google'],
    ['Google DeepMind', 'Google'],
    ['the ChatGPT maker', 'OpenAI'],
    ['the Claude developer', 'Anthropic'],
    ['Meta Platforms', 'Meta'],
    ['meta', 'Meta'],
    ['coreweave', 'CoreWeave'],
    ['Constellation Energy', 'Constellation Energy'],
    ['Kairos Power', 'Kairos Power'],
    ['Taiwan Semiconductor Manufacturing Co', 'TSMC'],
    ['x.AI', 'xAI'],
    ['Anthropic’s', 'Anthropic'],
  ])('%s → %s', (alias, name) => {
    expect(names(`We hear ${alias} signed.`)).toEqual([name]);
  });

  it('keeps words that are also common words case-sensitive', () => {
    expect(names('a constellation of satellites and a perplexity score')).toEqual([]);
    expect(names('Constellation and Perplexity')).toEqual(['Constellation Energy', 'Perplexity']);
  });

  it('reads a case-sensitive name in an all-lowercase sentence only where a party stands, and never an ordinary word', () => {
    expect(names('microsoft signed a 20-year power purchase agreement with constellation in 2024')).toEqual(['Microsoft', 'Constellation Energy']);
    expect(names("cipher's barber lake site is leased to fluidstack")).toEqual(['Cipher Mining', 'Fluidstack']);
    expect(names('yotta signed with sarvam for h100s')).toContain('Yotta');
    expect(names('a constellation of satellites will carry the gpus')).toEqual([]);
    expect(names('the deal gives openai more magic and a cheaper arm of compute, with switch costs')).toEqual(['OpenAI']);
    // A sentence with a capitalised word is not written in lowercase: its case-sensitive names are read only as written.
    expect(names('Microsoft signed with constellation in 2024')).toEqual(['Microsoft']);
  });

  it('prefers the longest alias and does not match inside words', () => {
    expect(names('Oracle Cloud Infrastructure and Oracles and metadata')).toEqual(['Oracle']);
  });

  it('finds both sides of a hyphenated pair', () => {
    expect(names('the spacex-anthropic deal')).toEqual(['SpaceX', 'Anthropic']);
  });

  it('types every organisation, and hyperscalers can buy', () => {
    const g = defaultGazetteer();
    expect(g.byName.get('Nebius')?.type).toBe('neocloud');
    expect(g.byName.get('Talen Energy')?.type).toBe('power');
    expect(g.byName.get('Microsoft')?.hyperscaler).toBe(true);
    expect(g.entities.length).toBeGreaterThan(100);
  });

  it('rejects a malformed gazetteer with a clear error', () => {
    expect(() => compileGazetteer({ entities: [{ name: 'X', type: 'bank', aliases: [] }] })).toThrow();
    expect(() => compileGazetteer({})).toThrow();
  });
});
