// The repository's labelled corpora (config/corpora.json), read and labelled for training and evaluation.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';
import { readCorpus } from './corpus.js';
import { labelCorpus, type LabelledArticle } from './dataset.js';

const listSchema = z.object({ corpora: z.array(z.string().min(1)).min(1) });

export function defaultCorpusDirs(): string[] {
  const path = projectPath('config', 'corpora.json');
  return listSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).corpora.map((p) => projectPath(p));
}

export interface LabelledCorpus {
  name: string;
  articles: LabelledArticle[];
}

/** Reads and labels corpora; each unreadable file is reported through `onError` and skipped. */
export function loadCorpora(dirs: string[], onError: (message: string) => void): LabelledCorpus[] {
  const out: LabelledCorpus[] = [];
  for (const dir of dirs) {
    try {
      const corpus = readCorpus(dir);
      for (const e of corpus.errors) onError(e);
      out.push({ name: corpus.name, articles: labelCorpus(corpus) });
    } catch (err) {
      onError((err as Error).message);
    }
  }
  return out;
}
