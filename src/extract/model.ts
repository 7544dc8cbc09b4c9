// The trained deal scorer (config/model.json, written by `lanewatch train`): a pair model whose calibrated
// probability is a deal's confidence, and a status classifier. Loaded once per process; a missing or
// corrupt file is one clear error naming it, never a silent "no deals".
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import { dealStatuses, type DealStatus } from './types.js';
import { sigmoid } from './logistic.js';

export const modelFileSchema = z.object({
  about: z.string().optional(),
  version: z.literal(1),
  trained_on: z.object({ corpora: z.array(z.string()), articles: z.number().int(), pairs: z.number().int(), reviews: z.number().int() }),
  threshold: z.number().min(0).max(1),
  calibration: z.object({ a: z.number(), b: z.number() }),
  pair: z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) }),
  status: z.object({
    classes: z.array(z.enum(dealStatuses)).min(2),
    bias: z.array(z.number()),
    weights: z.record(z.string(), z.array(z.number())),
  }),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

export interface DealModel {
  file: ModelFile;
  threshold: number;
  pairWeights: Map<string, number>;
  statusWeights: Map<string, number[]>;
}

export class ModelError extends Error {
  constructor(path: string, reason: string) {
    super(`the deal model ${path} is ${reason}: run \`lanewatch train\` to rebuild it`);
    this.name = 'ModelError';
  }
}

export function compileModel(file: ModelFile): DealModel {
  if (file.status.bias.length !== file.status.classes.length) throw new Error('status bias and classes differ in length');
  return {
    file,
    threshold: file.threshold,
    pairWeights: new Map(Object.entries(file.pair.weights)),
    statusWeights: new Map(Object.entries(file.status.weights)),
  };
}

export function loadModel(path: string): DealModel {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new ModelError(path, 'missing or unreadable');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new ModelError(path, 'corrupt (not JSON)');
  }
  const parsed = modelFileSchema.safeParse(data);
  if (!parsed.success) throw new ModelError(path, `corrupt (${parsed.error.issues[0]?.path.join('.') || 'shape'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
  try {
    return compileModel(parsed.data);
  } catch (err) {
    throw new ModelError(path, `corrupt (${(err as Error).message})`);
  }
}

export const defaultModelPath = (): string => projectPath('config', 'model.json');

let loaded: DealModel | null = null;

/** config/model.json, read once per process. */
export function defaultModel(): DealModel {
  loaded ??= loadModel(defaultModelPath());
  return loaded;
}

/** The raw score (log-odds before calibration) of a pair's features. */
export function pairScore(model: DealModel, features: readonly string[]): number {
  let z = model.file.pair.bias;
  for (const f of features) z += model.pairWeights.get(f) ?? 0;
  return z;
}

/** The calibrated probability that the pair is a deal the article reports. */
export function pairProbability(model: DealModel, features: readonly string[]): number {
  const { a, b } = model.file.calibration;
  return sigmoid(a * pairScore(model, features) + b);
}

/** The sum of the pair weights of some features: how much one sentence speaks for the pair. */
export function partialScore(model: DealModel, features: readonly string[]): number {
  let z = 0;
  for (const f of features) z += model.pairWeights.get(f) ?? 0;
  return z;
}

export function predictStatus(model: DealModel, features: readonly string[]): DealStatus {
  const { classes, bias } = model.file.status;
  const scores = [...bias];
  for (const f of features) {
    const w = model.statusWeights.get(f);
    if (w) for (let c = 0; c < classes.length; c++) scores[c] += w[c];
  }
  let best = 0;
  for (let c = 1; c < classes.length; c++) if (scores[c] > scores[best]) best = c;
  return classes[best];
}
