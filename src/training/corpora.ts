// The repository's labelled corpora (config/corpora.json), read and labelled for training and evaluation.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import { readCorpus } from './corpus.js';
import { labelCorpus, type LabelledArticle } from './dataset.js';

const listSchema = z.object({
  corpora: z.array(z.string().min(1)).min(1),
  weights: z.record(z.string(), z.number().positive()).default({}),
});

const readList = (): z.infer<typeof listSchema> => listSchema.parse(JSON.parse(readFileSync(projectPath('config', 'corpora.json'), 'utf8')));

export function defaultCorpusDirs(): string[] {
  return readList().corpora.map((p) => projectPath(p));
}

/** How much each pair of a corpus counts in training (config/corpora.json's weights; 1 when not given), by absolute path. */
export function corpusWeights(): Map<string, number> {
  return new Map(Object.entries(readList().weights).map(([p, w]) => [resolve(projectPath(p)), w]));
}

export interface LabelledCorpus {
  name: string;
  articles: LabelledArticle[];
}

/** Reads and labels corpora; each unreadable file is reported through `onError` and skipped. */
export function loadCorpora(dirs: string[], onError: (message: string) => void, weights: ReadonlyMap<string, number> = corpusWeights()): LabelledCorpus[] {
  const out: LabelledCorpus[] = [];
  for (const dir of dirs) {
    try {
      const corpus = readCorpus(dir);
      for (const e of corpus.errors) onError(e);
      const articles = labelCorpus(corpus);
      const weight = weights.get(resolve(dir));
      if (weight !== undefined) for (const a of articles) a.weight = weight;
      out.push({ name: corpus.name, articles });
    } catch (err) {
      onError((err as Error).message);
    }
  }
  return out;
}
