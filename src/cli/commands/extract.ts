// `lanewatch extract [--json] FILE|URL|- ...`: the compute deals each page reports.
// Each input is one JSON line ({"input", "deals": [...]}) or, on failure, {"input", "error"}; one bad
// input never stops the others. Exit code 1 if any input failed.
import type { Command } from 'commander';
import type { ExtractedDeal } from '../../extract/types.js';
import { loadInput } from './article.js';
import { formatConfidence, formatGw, formatUsd } from '../../format.js';
import { printable } from '../printable.js';

export interface ExtractResult {
  input: string;
  title: string | null;
  published: string | null;
  deals: ExtractedDeal[];
}

/** Page → article → deals. The headline is part of the text: it often states the deal. */
export async function extractInput(input: string): Promise<ExtractResult> {
  const { html, url } = await loadInput(input);
  // Loaded on first use: compromise, the gazetteer and the model cost ~60 MB and are not needed to print help.
  const { pageDeals, pageInput } = await import('../../articles/extract-work.js');
  const out = pageDeals(pageInput(html, url ?? (/^https?:/i.test(input) ? input : null)));
  return { input, title: out.article?.title ?? null, published: out.article?.published ?? null, deals: out.deals };
}

function table(result: ExtractResult): string {
  const head = `${result.input}${result.title ? `  (${result.title})` : ''}`;
  if (result.deals.length === 0) return `${head}\n  no deals\n`;
  const rows = result.deals.map((d) => [
    d.lab, d.provider, d.status, d.kind, formatUsd(d.amount_usd), formatGw(d.gigawatts), d.hardware ?? '—', formatConfidence(d.confidence),
  ]);
  const header = ['lab', 'provider', 'status', 'kind', 'amount', 'power', 'hardware', 'conf'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => '  ' + cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const evidence = result.deals.map((d, i) => `  [${i + 1}] ${d.evidence}`);
  return [head, line(header), ...rows.map(line), ...evidence, ''].join('\n');
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('Print the compute deals each page reports (FILE, http(s) URL, or - for standard input)')
    .argument('<inputs...>', 'HTML files, URLs or -')
    .option('--json', 'one JSON line per input: {"input", "deals": [...]}')
    .action(async (inputs: string[], opts: { json?: boolean }) => {
      let failed = false;
      for (const input of inputs) {
        try {
          const result = await extractInput(input);
          const deals = result.deals.map((d) => ({
            lab: d.lab, provider: d.provider, status: d.status, kind: d.kind, amount_usd: d.amount_usd,
            gigawatts: d.gigawatts, hardware: d.hardware, evidence: d.evidence, confidence: d.confidence,
          }));
          if (opts.json) process.stdout.write(`${JSON.stringify({ input, deals })}\n`);
          else process.stdout.write(`${printable(table(result))}\n`);
        } catch (err) {
          failed = true;
          const error = err instanceof Error ? err.message : String(err);
          if (opts.json) process.stdout.write(`${JSON.stringify({ input, error, deals: [] })}\n`);
          else process.stderr.write(`${printable(`${input}: ${error}`)}\n`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
