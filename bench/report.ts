// What each bench stage hands back, and the table printed from it.
import { formatSummary, type Summary } from './stats.js';

export interface Figure {
  name: string;
  unit: string;
  summary: Summary;
}

export interface Target {
  text: string;
  met: boolean;
  /** The measured value the target was judged on, in words. */
  measured: string;
}

export interface StageResult {
  stage: string;
  /** Set when the stage did not run: why, in a sentence. */
  skipped?: string;
  figures: Figure[];
  targets: Target[];
  notes: string[];
  /** Named medians other stages use (e.g. extract's one-core rate, the pipeline's yardstick). */
  values: Record<string, number>;
  seconds: number;
}

export function skippedStage(stage: string, reason: string): StageResult {
  return { stage, skipped: reason, figures: [], targets: [], notes: [], values: {}, seconds: 0 };
}

export function renderTable(results: StageResult[]): string {
  const lines: string[] = [];
  lines.push('| stage | figure | median (min–max) | unit |', '|---|---|---|---|');
  for (const r of results) {
    if (r.skipped) {
      lines.push(`| ${r.stage} | skipped: ${r.skipped} | | |`);
      continue;
    }
    for (const f of r.figures) lines.push(`| ${r.stage} | ${f.name} | ${formatSummary(f.summary)} | ${f.unit} |`);
  }
  const targets = results.flatMap((r) => r.targets.map((t) => ({ stage: r.stage, ...t })));
  if (targets.length) {
    lines.push('', '| target | measured | met |', '|---|---|---|');
    for (const t of targets) lines.push(`| ${t.text} | ${t.measured} | ${t.met ? 'yes' : 'NO'} |`);
  }
  const notes = results.flatMap((r) => r.notes.map((n) => `- ${r.stage}: ${n}`));
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n');
}
