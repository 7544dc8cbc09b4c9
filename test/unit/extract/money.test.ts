import { describe, expect, it } from 'vitest';
import { findMoney, parseUsd } from '../../../src/extract/money.js';

describe('parseUsd', () => {
  it.each([
    ['$300 billion', 300e9],
    ['$300B', 300e9],
    ['$300bn', 300e9],
    ['US$17.4 billion', 17.4e9],
    ['U.S. $2 billion', 2e9],
    ['USD 4.2 billion', 4.2e9],
    ['$1.1t', 1.1e12],
    ['$1.4 trillion', 1.4e12],
    ['$119b', 119e9],
    ['$38B OpenAI cloud pact', 38e9],
    ['$350 million', 350e6],
    ['$6.3bn', 6.3e9],
    ['$1,500,000', 1.5e6],
    ['thirty billion dollars', 30e9],
    ['a billion dollars', 1e9],
    ['twenty-five billion dollars', 25e9],
    // As people say them (transcripts, podcasts): decimals in words, "and", hyphenated adjectives.
    ['fourteen-point-two billion dollars', 14.2e9],
    ['a nine-point-seven-billion-dollar contract', 9.7e9],
    ['a fifty-billion-dollar build-out', 50e9],
    ['seventeen point four billion dollars', 17.4e9],
    ['one hundred and twenty million dollars', 120e6],
    ['30 billion dollars', 30e9],
    ['more than $10 billion', 10e9],
    ['$10-12 billion', 10e9],
    ['$10 billion to $12 billion', 10e9],
    ['$10bn–$12bn', 10e9],
  ])('%s', (text, usd) => {
    expect(parseUsd(text)).toBeCloseTo(usd, -3);
  });

  it.each([
    'tens of billions of dollars',
    'a multibillion-dollar agreement',
    'billions of dollars',
    'hundreds of millions',
    '€5 billion',
    '£2bn',
    'C$3 billion',
    'HK$10 billion',
    '5 billion euros',
    'no money here',
    '',
  ])('%s → null', (text) => {
    expect(parseUsd(text)).toBeNull();
  });

  it('keeps the USD figure next to a euro one', () => {
    const all = findMoney('a €5 billion ($5.4 billion) deal');
    expect(all.map((m) => m.usd)).toEqual([null, 5.4e9]);
  });

  it('gives offsets of every amount', () => {
    const text = 'valued at up to $6.5 billion, bringing the total to approximately $22.4 billion.';
    const all = findMoney(text);
    expect(all.map((m) => text.slice(m.start, m.end))).toEqual(['$6.5 billion', '$22.4 billion']);
  });

  it('reads a small price as a small price', () => {
    expect(parseUsd('under $2 an hour')).toBe(2);
  });
});
