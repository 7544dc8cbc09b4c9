// The model file: loaded once, and a missing or corrupt file is one clear error that names it and the cure.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultModel, defaultModelPath, loadModel, ModelError, pairProbability, predictStatus } from '../../../src/extract/model.js';
import { extractDeals } from '../../../src/extract/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lw-model-'));
const write = (name: string, body: string): string => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

describe('loading the model', () => {
  it.each([
    ['missing', join(dir, 'nope.json'), /missing or unreadable/],
    ['not JSON', write('broken.json', '{"version": 1, "pair": '), /corrupt \(not JSON\)/],
    ['the wrong shape', write('shape.json', JSON.stringify({ version: 1, threshold: 2 })), /corrupt \(/],
    ['status weights of the wrong length', write('len.json', JSON.stringify({
      ...JSON.parse(readFileSync(defaultModelPath(), 'utf8')),
      status: { classes: ['announced', 'existing', 'talks'], bias: [0], weights: {} },
    })), /corrupt \(/],
  ])('%s: names the file and `lanewatch train`', (_what, path, reason) => {
    let caught: unknown;
    try {
      loadModel(path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as Error).message).toContain(path);
    expect((caught as Error).message).toContain('lanewatch train');
    expect((caught as Error).message).toMatch(reason);
  });

  it('a corrupt model given to extraction is an error, never "no deals"', () => {
    const path = write('empty.json', '');
    expect(() => extractDeals('OpenAI signed a $10 billion contract with Oracle.', {}, { model: loadModel(path) })).toThrow(ModelError);
  });

  it('the committed model loads once and scores', () => {
    const model = defaultModel();
    expect(defaultModel()).toBe(model);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
    const p = pairProbability(model, ['rule', 'cue:deal', 'cs:contract']);
    expect(p).toBeGreaterThan(pairProbability(model, ['no-rule', 'cs:rival']));
    expect(['announced', 'existing', 'talks']).toContain(predictStatus(model, ['rule:talks']));
  });
});
