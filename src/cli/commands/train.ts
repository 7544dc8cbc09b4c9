// `lanewatch train [--with-reviews]`: rebuilds config/model.json from the labelled corpora (config/corpora.json)
// and, with --with-reviews, from reviewers' decisions in the database. Same data, same bytes.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultModelPath } from '../../extract/model.js';
import { defaultCorpusDirs, loadCorpora } from '../../training/corpora.js';
import { fitModel, serialiseModel } from '../../training/train.js';
import { labelReviews, reviewDecisions } from '../../training/reviews.js';
import type { LabelledArticle } from '../../training/dataset.js';
import { withContext } from '../context.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Rebuild the deal model (config/model.json) from the labelled corpora, and optionally from review decisions')
    .option('--with-reviews', "also learn from reviewers' approvals, rejections and corrections in the database")
    .option('--corpus <dir...>', 'train on these corpora instead of config/corpora.json')
    .option('--out <file>', 'write the model here instead of config/model.json')
    .action(async (opts: { withReviews?: boolean; corpus?: string[]; out?: string }) => {
      const started = Date.now();
      let errors = 0;
      const corpora = loadCorpora(opts.corpus ?? defaultCorpusDirs(), (message) => {
        errors++;
        process.stderr.write(`${printable(message)}\n`);
      });
      const articles: LabelledArticle[] = corpora.flatMap((c) => c.articles);
      if (articles.length === 0) throw new UsageError('no labelled article could be read: nothing to train on');
      let reviewed: LabelledArticle[] = [];
      if (opts.withReviews) reviewed = await withContext(async (ctx) => labelReviews(await reviewDecisions(ctx.database.db)));
      const file = fitModel([...articles, ...reviewed], undefined, reviewed.length);
      const out = opts.out ?? defaultModelPath();
      writeFileSync(out, serialiseModel(file));
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `trained on ${articles.length} articles in ${corpora.length} corpora` +
          `${opts.withReviews ? ` and ${reviewed.length} reviewed articles` : ''}: ${file.trained_on.pairs} candidate pairs, ` +
          `${Object.keys(file.pair.weights).length} pair features, threshold ${file.threshold}; wrote ${out} in ${seconds} s` +
          `${errors > 0 ? ` (${errors} unreadable files skipped)` : ''}\n`,
      );
    });
}
