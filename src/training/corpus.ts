// Labelled corpora in ../shared/corpus/FORMAT.md's layout (manifest.json, articles/, gold/). A bad file is
// one clear error naming it; the rest of the corpus is still read.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { dealKinds, dealStatuses } from '../extract/types.js';

const figure = z.number().nonnegative().finite().nullable();

export const goldDealSchema = z.strictObject({
  lab: z.string().min(1),
  provider: z.string().min(1),
  status: z.enum(dealStatuses),
  kind: z.enum(dealKinds),
  amount_usd: figure,
  gigawatts: figure,
  hardware: z.string().nullable(),
  evidence: z.string(),
});
const goldSchema = z.strictObject({ id: z.string().min(1), deals: z.array(goldDealSchema), notes: z.string().optional() });
const manifestSchema = z.object({
  set: z.string().optional(),
  outlets: z.array(z.object({ id: z.string(), name: z.string(), feed_format: z.string() }).passthrough()).optional(),
  articles: z.array(z.object({ id: z.string().min(1), title: z.string().optional(), published: z.string().optional() }).passthrough()),
});

export type GoldDeal = z.infer<typeof goldDealSchema>;

export interface CorpusArticle {
  id: string;
  htmlPath: string;
  html: string;
  published: string | null;
  gold: GoldDeal[];
}

export interface Corpus {
  name: string;
  dir: string;
  articles: CorpusArticle[];
  /** One line per file that could not be read, naming it. */
  errors: string[];
}

const describe = (err: z.ZodError): string => err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).slice(0, 3).join('; ');

function readJson(path: string): { ok: true; value: unknown } | { ok: false; error: string } {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, error: `${path}: missing or unreadable` };
  }
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (err) {
    return { ok: false, error: `${path}: not JSON (${(err as Error).message})` };
  }
}

/** Reads a corpus; throws only when its manifest cannot be read (then nothing of it can be). */
export function readCorpus(dir: string): Corpus {
  const root = resolve(dir);
  const manifestPath = join(root, 'manifest.json');
  const m = readJson(manifestPath);
  if (!m.ok) throw new Error(`corpus ${dir}: ${m.error}`);
  const manifest = manifestSchema.safeParse(m.value);
  if (!manifest.success) throw new Error(`corpus ${dir}: ${manifestPath}: ${describe(manifest.error)}`);
  const errors: string[] = [];
  const articles: CorpusArticle[] = [];
  const seen = new Set<string>();
  for (const entry of manifest.data.articles) {
    if (seen.has(entry.id)) {
      errors.push(`${manifestPath}: article ${entry.id} listed twice`);
      continue;
    }
    seen.add(entry.id);
    const htmlPath = join(root, 'articles', `${entry.id}.html`);
    const goldPath = join(root, 'gold', `${entry.id}.json`);
    if (!existsSync(htmlPath)) {
      errors.push(`${htmlPath}: missing article`);
      continue;
    }
    const g = readJson(goldPath);
    if (!g.ok) {
      errors.push(g.error);
      continue;
    }
    const gold = goldSchema.safeParse(g.value);
    if (!gold.success) {
      errors.push(`${goldPath}: ${describe(gold.error)}`);
      continue;
    }
    articles.push({ id: entry.id, htmlPath, html: readFileSync(htmlPath, 'utf8'), published: entry.published ?? null, gold: gold.data.deals });
  }
  return { name: manifest.data.set && manifest.data.set !== 'hidden' ? manifest.data.set : basename(root), dir: root, articles, errors };
}
