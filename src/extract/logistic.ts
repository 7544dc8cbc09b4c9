// Logistic regression over sparse binary features: a binary scorer for pairs and a softmax classifier for
// status. Trained by full-batch gradient descent with AdaGrad steps and an L2 penalty, in a fixed order
// with no randomness, so that the same examples always give the same weights. Small enough to own: a few
// thousand examples and features train in well under a second.

export interface SparseExample {
  /** Indices of the features that fire. */
  features: number[];
  /** 0 or 1 for the binary model; the class index for softmax. */
  label: number;
  /** How much the example counts (1 if not given). */
  weight?: number;
}

export interface TrainOptions {
  epochs?: number;
  l2?: number;
  rate?: number;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
export { sigmoid };

/** Binary logistic regression: weights per feature and a bias. Positive examples can be weighted up. */
export function trainBinary(examples: SparseExample[], featureCount: number, options: TrainOptions = {}): { bias: number; weights: Float64Array } {
  const { epochs = 300, l2 = 0.01, rate = 0.5 } = options;
  const w = new Float64Array(featureCount);
  const gw = new Float64Array(featureCount);
  const hw = new Float64Array(featureCount).fill(1e-8);
  let b = 0;
  let hb = 1e-8;
  const n = Math.max(1, examples.reduce((s, ex) => s + (ex.weight ?? 1), 0));
  for (let epoch = 0; epoch < epochs; epoch++) {
    gw.fill(0);
    let gb = 0;
    for (const ex of examples) {
      let z = b;
      for (const i of ex.features) z += w[i];
      const err = (sigmoid(z) - ex.label) * (ex.weight ?? 1);
      gb += err;
      for (const i of ex.features) gw[i] += err;
    }
    for (let i = 0; i < featureCount; i++) {
      const g = gw[i] / n + l2 * w[i];
      hw[i] += g * g;
      w[i] -= (rate * g) / Math.sqrt(hw[i]);
    }
    const g = gb / n;
    hb += g * g;
    b -= (rate * g) / Math.sqrt(hb);
  }
  return { bias: b, weights: w };
}

/** Softmax regression over `classes` classes: weights[feature * classes + class]. */
export function trainSoftmax(examples: SparseExample[], featureCount: number, classes: number, options: TrainOptions = {}): { bias: Float64Array; weights: Float64Array } {
  const { epochs = 300, l2 = 0.01, rate = 0.5 } = options;
  const w = new Float64Array(featureCount * classes);
  const gw = new Float64Array(featureCount * classes);
  const hw = new Float64Array(featureCount * classes).fill(1e-8);
  const b = new Float64Array(classes);
  const hb = new Float64Array(classes).fill(1e-8);
  const n = Math.max(1, examples.length);
  const z = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    gw.fill(0);
    const gb = new Float64Array(classes);
    for (const ex of examples) {
      softmaxInto(z, b, w, ex.features, classes);
      for (let c = 0; c < classes; c++) {
        const err = z[c] - (ex.label === c ? 1 : 0);
        gb[c] += err;
        for (const i of ex.features) gw[i * classes + c] += err;
      }
    }
    for (let k = 0; k < w.length; k++) {
      const g = gw[k] / n + l2 * w[k];
      hw[k] += g * g;
      w[k] -= (rate * g) / Math.sqrt(hw[k]);
    }
    for (let c = 0; c < classes; c++) {
      const g = gb[c] / n;
      hb[c] += g * g;
      b[c] -= (rate * g) / Math.sqrt(hb[c]);
    }
  }
  return { bias: b, weights: w };
}

function softmaxInto(out: Float64Array, bias: Float64Array, weights: Float64Array, features: number[], classes: number): void {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) {
    let s = bias[c];
    for (const i of features) s += weights[i * classes + c];
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < classes; c++) out[c] /= sum;
}

/** Platt scaling: p = sigmoid(a·z + b) fitted to held-out scores z and their labels. */
export function fitPlatt(scores: number[], labels: number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  const n = Math.max(1, scores.length);
  for (let it = 0; it < 2000; it++) {
    let ga = 0;
    let gb = 0;
    for (let k = 0; k < scores.length; k++) {
      const err = sigmoid(a * scores[k] + b) - labels[k];
      ga += err * scores[k];
      gb += err;
    }
    a -= (0.5 * ga) / n;
    b -= (0.5 * gb) / n;
  }
  return { a, b };
}
