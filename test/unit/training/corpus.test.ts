// Reading labelled corpora: a bad file is one clear error naming it, and the rest of the corpus is still read.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusWeights, loadCorpora } from '../../../src/training/corpora.js';
import { readCorpus } from '../../../src/training/corpus.js';

const dev = fileURLToPath(new URL('../../fixtures/corpus/dev/', import.meta.url));

function copyOfDev(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lw-corpus-'));
  cpSync(dev, dir, { recursive: true });
  return dir;
}

describe('reading a corpus', () => {
  it('reads every article of a good corpus', () => {
    const c = readCorpus(dev);
    expect(c.name).toBe('dev');
    expect(c.errors).toEqual([]);
    expect(c.articles).toHaveLength(20);
    expect(c.articles.reduce((n, a) => n + a.gold.length, 0)).toBe(26);
  });

  it('a malformed gold file, a missing article and an unknown field: one error each, naming the file; the rest read', () => {
    const dir = copyOfDev();
    writeFileSync(join(dir, 'gold', 'dev-002.json'), '{"id": "dev-002", "deals": [');
    rmSync(join(dir, 'articles', 'dev-003.html'));
    writeFileSync(join(dir, 'gold', 'dev-004.json'), JSON.stringify({ id: 'dev-004', deals: [{ lab: 'OpenAI', provider: 'Oracle', status: 'announced', kind: 'cloud', amount_usd: null, gigawatts: null, hardware: null, evidence: 'x', price: 3 }] }));
    writeFileSync(join(dir, 'gold', 'dev-005.json'), JSON.stringify({ id: 'dev-005', deals: [{ lab: 'OpenAI', provider: 'Oracle', status: 'signed', kind: 'cloud', amount_usd: null, gigawatts: null, hardware: null, evidence: 'x' }] }));
    const c = readCorpus(dir);
    expect(c.articles).toHaveLength(16);
    expect(c.errors).toHaveLength(4);
    expect(c.errors[0]).toContain(join(dir, 'gold', 'dev-002.json'));
    expect(c.errors[0]).toContain('not JSON');
    expect(c.errors[1]).toContain(join(dir, 'articles', 'dev-003.html'));
    expect(c.errors[1]).toContain('missing article');
    expect(c.errors[2]).toContain('dev-004.json');
    expect(c.errors[2]).toMatch(/price|unrecognized/i);
    expect(c.errors[3]).toContain('dev-005.json');
    expect(c.errors[3]).toContain('status');
  });

  it('a missing gold file is named', () => {
    const dir = copyOfDev();
    rmSync(join(dir, 'gold', 'dev-010.json'));
    const c = readCorpus(dir);
    expect(c.articles).toHaveLength(19);
    expect(c.errors).toEqual([`${join(dir, 'gold', 'dev-010.json')}: missing or unreadable`]);
  });

  it('a corpus without a readable manifest is one error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-corpus-'));
    expect(() => readCorpus(dir)).toThrow(join(dir, 'manifest.json'));
    writeFileSync(join(dir, 'manifest.json'), '{"articles": "none"}');
    expect(() => readCorpus(dir)).toThrow(/manifest\.json: articles/);
  });
});

describe('corpus weights', () => {
  it('config/corpora.json weighs the reference sets, and every pair of a weighed corpus carries its weight', () => {
    expect(corpusWeights().get(dev.replace(/\/$/u, ''))).toBe(3);
    const [weighed] = loadCorpora([dev], () => {}, new Map([[dev.replace(/\/$/u, ''), 2]]));
    expect(weighed.articles.every((a) => a.weight === 2)).toBe(true);
    const [plain] = loadCorpora([dev], () => {}, new Map());
    expect(plain.articles.every((a) => a.weight === undefined)).toBe(true);
  });
});
