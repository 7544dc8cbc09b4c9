// `lanewatch eval --corpus DIR [--json]`: scores extraction on a labelled corpus with score.mjs's figures.
// `lanewatch eval --loco`: leave-one-corpus-out over config/corpora.json (train on all sets but one, score it),
// with precision and recall at a few thresholds and the learning curve.
import type { Command } from 'commander';
import { compileModel, defaultModel, loadModel, type DealModel } from '../../extract/model.js';
import { dealsOf } from '../../extract/pipeline.js';
import { ruleDealsOf } from '../../extract/extract-deals.js';
import { sigmoid } from '../../extract/logistic.js';
import { pairScore } from '../../extract/model.js';
import { defaultCorpusDirs, loadCorpora, type LabelledCorpus } from '../../training/corpora.js';
import { fitModel } from '../../training/train.js';
import { addTally, emptyTally, pairKey, scores, tallyArticle, type Scores, type Tally } from '../../training/metrics.js';
import type { LabelledArticle } from '../../training/dataset.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';

type Predictor = (a: LabelledArticle) => ReturnType<typeof dealsOf>;

function tallyOf(articles: LabelledArticle[], predict: Predictor): Tally {
  const t = emptyTally();
  for (const a of articles) tallyArticle(t, a.gold, predict(a));
  return t;
}

const line = (name: string, s: Scores): string =>
  `${name.padEnd(24)} ${String(s.articles).padStart(4)}  P ${s.pair_precision.toFixed(3)}  R ${s.pair_recall.toFixed(3)}  F1 ${s.pair_f1.toFixed(3)}  strict ${s.strict_f1.toFixed(3)}  status ${s.status_accuracy.toFixed(3)}  negatives ${s.negatives_clean}`;

/** Precision and recall of pairs at several confidence thresholds, from held-out probabilities. */
function thresholdTable(held: Array<{ a: LabelledArticle; model: DealModel }>): Array<{ threshold: number; precision: number; recall: number; f1: number }> {
  const out = [];
  for (const threshold of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
    let tp = 0;
    let fp = 0;
    let gold = 0;
    for (const { a, model } of held) {
      gold += a.gold.length;
      const goldKeys = new Set(a.gold.map((g) => pairKey(g.lab, g.provider)));
      const seen = new Set<string>();
      for (const c of a.set.candidates) {
        const key = pairKey(c.candidate.lab, c.candidate.provider);
        const { a: pa, b: pb } = model.file.calibration;
        if (seen.has(key) || sigmoid(pa * pairScore(model, c.features) + pb) < threshold) continue;
        seen.add(key);
        if (goldKeys.has(key)) tp++;
        else fp++;
      }
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = gold ? tp / gold : 0;
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    out.push({ threshold, precision: r3(precision), recall: r3(recall), f1: r3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0) });
  }
  return out;
}

function leaveOneOut(corpora: LabelledCorpus[], json: boolean, curve: boolean): void {
  const all = corpora.flatMap((c) => c.articles);
  let pooled = emptyTally();
  let pooledRules = emptyTally();
  const rows: Array<{ corpus: string; model: Scores; rules: Scores }> = [];
  const held: Array<{ a: LabelledArticle; model: DealModel }> = [];
  for (const c of corpora) {
    const model = compileModel(fitModel(all.filter((a) => a.corpus !== c.name)));
    const t = tallyOf(c.articles, (a) => dealsOf(a.set, model));
    const r = tallyOf(c.articles, (a) => ruleDealsOf(a.set.analysis));
    pooled = addTally(pooled, t);
    pooledRules = addTally(pooledRules, r);
    for (const a of c.articles) held.push({ a, model });
    rows.push({ corpus: c.name, model: scores(t, c.articles.length), rules: scores(r, c.articles.length) });
  }
  const result = {
    corpora: rows,
    pooled: { model: scores(pooled, all.length), rules: scores(pooledRules, all.length) },
    thresholds: thresholdTable(held),
    curve: curve ? learningCurve(corpora) : undefined,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write('leave-one-corpus-out (trained on every other set, scored on this one)\n');
  for (const r of rows) process.stdout.write(`${line(r.corpus, r.model)}\n${line('  rules alone', r.rules)}\n`);
  process.stdout.write(`${line('pooled', result.pooled.model)}\n${line('  rules alone', result.pooled.rules)}\n`);
  process.stdout.write('held-out pairs by confidence threshold\n');
  for (const t of result.thresholds) process.stdout.write(`  ≥ ${t.threshold.toFixed(1)}  precision ${t.precision.toFixed(3)}  recall ${t.recall.toFixed(3)}  F1 ${t.f1.toFixed(3)}\n`);
  if (result.curve) {
    process.stdout.write('learning curve (leave-one-corpus-out, pooled pair F1, training articles taken evenly from each set)\n');
    for (const p of result.curve) process.stdout.write(`  ${p.share}  ${String(p.articles).padStart(4)} articles  pair F1 ${p.pair_f1.toFixed(3)}\n`);
  }
}

/** Leave-one-corpus-out with a quarter, a half and all of the other sets' articles. */
function learningCurve(corpora: LabelledCorpus[]): Array<{ share: string; articles: number; pair_f1: number }> {
  const out = [];
  for (const [share, part] of [['1/4', 4], ['1/2', 2], ['all', 1]] as const) {
    let t = emptyTally();
    let used = 0;
    for (const c of corpora) {
      const train = corpora.filter((o) => o !== c).flatMap((o) => o.articles.filter((_, i) => i % part === 0));
      used = Math.max(used, train.length);
      const model = compileModel(fitModel(train));
      t = addTally(t, tallyOf(c.articles, (a) => dealsOf(a.set, model)));
    }
    out.push({ share, articles: used, pair_f1: scores(t, 0).pair_f1 });
  }
  return out;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description("Score extraction on a labelled corpus (../shared/corpus/FORMAT.md's layout) with score.mjs's figures")
    .option('--corpus <dir...>', 'the labelled corpora to score')
    .option('--model <file>', 'score with this model file instead of config/model.json')
    .option('--rules', 'score the rule stage alone (no model)')
    .option('--loco', 'leave-one-corpus-out over config/corpora.json (or the --corpus sets)')
    .option('--curve', 'with --loco: the learning curve at a quarter, a half and all of the data')
    .option('--json', 'one JSON line')
    .action((opts: { corpus?: string[]; model?: string; rules?: boolean; loco?: boolean; curve?: boolean; json?: boolean }) => {
      if (!opts.corpus && !opts.loco) throw new UsageError('give --corpus DIR (or --loco)');
      let failed = false;
      const corpora = loadCorpora(opts.corpus ?? defaultCorpusDirs(), (message) => {
        failed = true;
        process.stderr.write(`${printable(message)}\n`);
      });
      if (corpora.length === 0) throw new UsageError('no corpus could be read');
      if (opts.loco) {
        if (corpora.length < 2) throw new UsageError('leave-one-corpus-out needs at least two corpora');
        leaveOneOut(corpora, opts.json === true, opts.curve === true);
      } else {
        const model = opts.rules ? null : opts.model ? loadModel(opts.model) : defaultModel();
        for (const c of corpora) {
          const s = scores(tallyOf(c.articles, (a) => (model ? dealsOf(a.set, model) : ruleDealsOf(a.set.analysis))), c.articles.length);
          process.stdout.write(opts.json ? `${JSON.stringify({ corpus: c.name, ...s })}\n` : `${line(c.name, s)}\n`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
