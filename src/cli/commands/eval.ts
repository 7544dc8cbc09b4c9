// `lanewatch eval --corpus DIR [--json]`: scores extraction on a labelled corpus with score.mjs's figures.
// `lanewatch eval --loco`: leave-one-corpus-out over config/corpora.json (train on all sets but one, score it),
// with precision and recall at a few thresholds and the learning curve.
import type { Command } from 'commander';
import { defaultModel, loadModel } from '../../extract/model.js';
import { defaultCorpusDirs, loadCorpora, type LabelledCorpus } from '../../training/corpora.js';
import { byModel, byRules, learningCurve, leaveOneOut, tallyOf } from '../../training/evaluate.js';
import { scores, type Scores } from '../../training/metrics.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';

const line = (name: string, s: Scores): string =>
  `${name.padEnd(24)} ${String(s.articles).padStart(4)}  P ${s.pair_precision.toFixed(3)}  R ${s.pair_recall.toFixed(3)}  F1 ${s.pair_f1.toFixed(3)}  strict ${s.strict_f1.toFixed(3)}  status ${s.status_accuracy.toFixed(3)}  negatives ${s.negatives_clean}`;

function printLeaveOneOut(corpora: LabelledCorpus[], json: boolean, curve: boolean): void {
  const result = { ...leaveOneOut(corpora), curve: curve ? learningCurve(corpora) : undefined };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write('leave-one-corpus-out (trained on every other set, scored on this one)\n');
  for (const r of result.corpora) process.stdout.write(`${line(r.corpus, r.model)}\n${line('  rules alone', r.rules)}\n`);
  process.stdout.write(`${line('pooled', result.pooled.model)}\n${line('  rules alone', result.pooled.rules)}\n`);
  process.stdout.write('held-out pairs by confidence threshold\n');
  for (const t of result.thresholds) process.stdout.write(`  ≥ ${t.threshold.toFixed(1)}  precision ${t.precision.toFixed(3)}  recall ${t.recall.toFixed(3)}  F1 ${t.f1.toFixed(3)}\n`);
  if (result.curve) {
    process.stdout.write('learning curve (leave-one-corpus-out, pooled pair F1, training articles taken evenly from each set)\n');
    for (const p of result.curve) process.stdout.write(`  ${p.share}  ${String(p.articles).padStart(4)} articles  pair F1 ${p.pair_f1.toFixed(3)}\n`);
  }
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
        printLeaveOneOut(corpora, opts.json === true, opts.curve === true);
      } else {
        const model = opts.rules ? null : opts.model ? loadModel(opts.model) : defaultModel();
        for (const c of corpora) {
          const s = scores(tallyOf(c.articles, model ? byModel(model) : byRules), c.articles.length);
          process.stdout.write(opts.json ? `${JSON.stringify({ corpus: c.name, ...s })}\n` : `${line(c.name, s)}\n`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
