// Stage "model": what the trained deal scorer costs and how it learns. The share of extract time spent past the
// rule stage (candidate pairs and their features) and in the model itself, on the same pages as stage "extract";
// the time to train on every labelled corpus; and the learning curve (leave-one-corpus-out pair F1 with a quarter,
// a half and all of the training articles).
import { analyseText } from '../src/extract/analyse.js';
import { articleText } from '../src/extract/article-deals.js';
import { ruleDealsOf } from '../src/extract/extract-deals.js';
import { defaultGazetteer } from '../src/extract/gazetteer.js';
import { defaultModel } from '../src/extract/model.js';
import { candidateSet, dealsOf, type CandidateSet } from '../src/extract/pipeline.js';
import { pageInput, pageText } from '../src/articles/extract-work.js';
import { defaultCorpusDirs, loadCorpora } from '../src/training/corpora.js';
import { fitModel } from '../src/training/train.js';
import { learningCurve } from '../src/training/evaluate.js';
import { loadCorpusPages, loadZytePages, type Page } from './inputs.js';
import { skippedStage, type Figure, type StageResult, type Target } from './report.js';
import { formatNumber, msSince, summarize } from './stats.js';

export interface ModelOptions {
  runs: number;
  curve: boolean;
}

const cpuMs = (f: () => void): number => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/**
 * CPU milliseconds over the pages: the rule stage's path alone (page → text → analysis → rules) in one pass, then the
 * whole pipeline (… → candidates → features → model) in another, and the model alone on prepared candidates. The
 * passes are separate so that the per-sentence caches the stages share (bounded, and long evicted by the time a page
 * comes round again) do not make the second path look cheaper than it is.
 */
function split(pages: Page[]): { rulesPath: number; pipeline: number; model: number } {
  const model = defaultModel();
  const gazetteer = defaultGazetteer();
  const texts = pages.map((page) => {
    const p = pageText(pageInput(page.html));
    const full = articleText(p.title, p.text);
    return { text: full.text, meta: { title: full.headline, published: p.published, site: p.site } };
  });
  const rulesPath = cpuMs(() => {
    for (const page of pages) void pageText(pageInput(page.html));
    for (const t of texts) void ruleDealsOf(analyseText(t.text, t.meta, gazetteer));
  });
  const sets: CandidateSet[] = [];
  const pipeline = cpuMs(() => {
    for (const page of pages) void pageText(pageInput(page.html));
    for (const t of texts) {
      const set = candidateSet(t.text, t.meta);
      sets.push(set);
      void dealsOf(set, model);
    }
  });
  return { rulesPath, pipeline, model: cpuMs(() => sets.forEach((set) => void dealsOf(set, model))) };
}

export async function benchModel(options: ModelOptions): Promise<StageResult> {
  const started = Date.now();
  const zyte = loadZytePages();
  const corpus = loadCorpusPages();
  const figures: Figure[] = [];
  const targets: Target[] = [];
  const notes: string[] = ['shares are of the whole extract CPU time (page → text → analysis → rules → candidates → features → model), against the rule stage\'s path alone timed in a separate pass'];
  for (const [label, pages] of [['Zyte pages', zyte], ['corpus pages', corpus]] as const) {
    if (!pages) continue;
    split(pages.slice(0, 10));
    const modelShare: number[] = [];
    const featureShare: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const s = split(pages);
      modelShare.push((100 * s.model) / s.pipeline);
      featureShare.push((100 * Math.max(0, s.pipeline - s.rulesPath)) / s.pipeline);
    }
    const m = summarize(modelShare);
    const f = summarize(featureShare);
    figures.push(
      { name: `model scoring share of extract time, ${label}`, unit: '%', summary: m },
      { name: `candidates + features + scoring share of extract time, ${label}`, unit: '%', summary: f },
    );
    if (label === 'Zyte pages') targets.push({ text: 'scoring ≤ 15% of extract time (real pages)', met: f.median <= 15, measured: `${formatNumber(f.median)}% (model alone ${formatNumber(m.median)}%)` });
  }

  const dirs = defaultCorpusDirs();
  const errors: string[] = [];
  const trainSeconds: number[] = [];
  let articles = 0;
  let corpora = loadCorpora(dirs, (e) => errors.push(e));
  for (let run = 0; run < options.runs; run++) {
    const start = process.hrtime.bigint();
    corpora = loadCorpora(dirs, (e) => errors.push(e));
    const all = corpora.flatMap((c) => c.articles);
    articles = all.length;
    fitModel(all);
    trainSeconds.push(msSince(start) / 1000);
  }
  const train = summarize(trainSeconds);
  figures.push({ name: `train on every corpus (${articles} articles, reading and labelling included)`, unit: 's', summary: train });
  targets.push({ text: 'training on 500 articles ≤ 60 s', met: train.median <= 60 * Math.max(1, articles / 500), measured: `${formatNumber(train.median)} s for ${articles} articles` });
  if (errors.length) notes.push(`${errors.length} corpus files unreadable: ${errors.slice(0, 3).join('; ')}`);

  if (options.curve && corpora.length > 1) {
    for (const p of learningCurve(corpora)) {
      figures.push({ name: `learning curve: leave-one-corpus-out pair F1, ${p.share} of the data (≤ ${p.articles} training articles)`, unit: 'F1', summary: summarize([p.pair_f1]) });
    }
  }
  if (!zyte && !corpus) return skippedStage('model', 'neither the Zyte benchmark pages nor a corpus is present');
  return { stage: 'model', figures, targets, notes, values: {}, seconds: (Date.now() - started) / 1000 };
}
