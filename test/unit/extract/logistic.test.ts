import { describe, expect, it } from 'vitest';
import { fitPlatt, sigmoid, trainBinary, trainSoftmax, type SparseExample } from '../../../src/extract/logistic.js';

// Feature 0 means "deal", feature 1 "rival", feature 2 fires everywhere.
const examples: SparseExample[] = [
  ...Array.from({ length: 20 }, () => ({ features: [0, 2], label: 1 })),
  ...Array.from({ length: 20 }, () => ({ features: [1, 2], label: 0 })),
  { features: [0, 1, 2], label: 0 },
];

const score = (m: { bias: number; weights: Float64Array }, f: number[]): number => sigmoid(m.bias + f.reduce((s, i) => s + m.weights[i], 0));

describe('binary logistic regression', () => {
  it('learns which feature marks the positive class', () => {
    const m = trainBinary(examples, 3);
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(m.weights[1]).toBeLessThan(-1);
    expect(score(m, [0, 2])).toBeGreaterThan(0.9);
    expect(score(m, [1, 2])).toBeLessThan(0.1);
  });

  it('gives the same weights for the same examples, bit for bit', () => {
    const a = trainBinary(examples, 3);
    const b = trainBinary(examples, 3);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.bias).toBe(b.bias);
  });

  it('lets weighted examples outvote many unweighted ones', () => {
    const flipped = [...examples, ...Array.from({ length: 4 }, () => ({ features: [0, 2], label: 0, weight: 20 }))];
    expect(score(trainBinary(flipped, 3), [0, 2])).toBeLessThan(0.5);
  });

  it('shrinks weights with a stronger L2 penalty', () => {
    const loose = trainBinary(examples, 3, { l2: 0.0001 });
    const tight = trainBinary(examples, 3, { l2: 0.5 });
    expect(Math.abs(tight.weights[0])).toBeLessThan(Math.abs(loose.weights[0]));
  });
});

describe('softmax regression', () => {
  it('separates three classes by their marker features', () => {
    const rows: SparseExample[] = [0, 1, 2].flatMap((c) => Array.from({ length: 10 }, () => ({ features: [c, 3], label: c })));
    const m = trainSoftmax(rows, 4, 3);
    for (const c of [0, 1, 2]) {
      const scores = [0, 1, 2].map((k) => m.bias[k] + m.weights[c * 3 + k] + m.weights[3 * 3 + k]);
      expect(scores.indexOf(Math.max(...scores))).toBe(c);
    }
  });
});

describe('Platt scaling', () => {
  it('maps over-confident scores to the rate at which they are right', () => {
    // A score of 4 is right three times in four: calibrated, it should read near 0.75, not sigmoid(4) = 0.98.
    const scores = [4, 4, 4, 4, -4, -4, -4, -4];
    const labels = [1, 1, 1, 0, 0, 0, 0, 1];
    const { a, b } = fitPlatt(scores, labels);
    expect(sigmoid(a * 4 + b)).toBeGreaterThan(0.65);
    expect(sigmoid(a * 4 + b)).toBeLessThan(0.85);
    expect(sigmoid(a * -4 + b)).toBeLessThan(0.35);
  });
});
