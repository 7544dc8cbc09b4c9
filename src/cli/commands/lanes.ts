// `lanewatch lanes [--lab NAME] [--json|--csv]` prints the lane map; `lanewatch lanes import FILE` loads a baseline.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { importBaseline, LanesCsvError, parseBaselineCsv } from '../../lanes/baseline.js';
import { laneFirstDate, laneLastDate, laneMapCsv, laneRecord, loadLaneMap, timelineLine, type LaneMap } from '../../lanes/map.js';
import { formatGw, formatUsd } from '../../format.js';
import { withContext } from '../context.js';
import { UsageError } from '../errors.js';
import { printable } from '../printable.js';

/** The baseline of every lane ever reported is a few hundred rows; anything this big is the wrong file. */
const maxCsvBytes = 16 * 1024 * 1024;

function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function laneMapText(map: LaneMap): string {
  if (map.cells.length === 0) return 'No lanes yet. Load the baseline with `lanewatch lanes import config/lanes.csv`.';
  const out: string[] = [];
  for (const t of map.timelines) out.push(timelineLine(t));
  out.push('');
  const rows = [['lab', 'provider', 'kind', 'origin', 'deals', 'total USD', 'total GW', 'first', 'last']];
  for (const c of map.cells) {
    rows.push([
      c.lab,
      c.provider,
      c.kind ?? '',
      c.origin,
      String(c.deals),
      formatUsd(c.totalUsd),
      formatGw(c.totalGw),
      laneFirstDate(c),
      laneLastDate(c),
    ]);
  }
  out.push(textTable(rows));
  return out.join('\n');
}

export function registerLanes(program: Command): void {
  const lanes = program
    .command('lanes')
    .description('Show the lane map: each lab\'s compute providers in the order each was first reported, with deals, USD and GW')
    .option('--lab <name>', 'only this lab')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { lab?: string; json?: boolean; csv?: boolean }) => {
      if (opts.json && opts.csv) throw new UsageError('lanewatch lanes: choose one of --json and --csv');
      await withContext(async (ctx) => {
        const map = await loadLaneMap(ctx.database.db, { lab: opts.lab });
        if (opts.lab && map.cells.length === 0 && !opts.json && !opts.csv) {
          console.error(`No lanes for lab ${JSON.stringify(opts.lab)}.`);
          process.exitCode = 1;
          return;
        }
        if (opts.json) {
          const timelines = map.timelines.map((t) => ({ lab: t.lab, providers: t.lanes.map((l) => l.provider), line: timelineLine(t) }));
          console.log(JSON.stringify({ lanes: map.cells.map(laneRecord), timelines }, null, 2));
        } else if (opts.csv) {
          process.stdout.write(laneMapCsv(map));
        } else {
          console.log(printable(laneMapText(map)));
        }
      });
    });

  lanes
    .command('import')
    .description('Load baseline lanes from a CSV file (lab,provider,kind,first_date,source_url[,note]); all or nothing')
    .argument('<file>', 'CSV file, e.g. config/lanes.csv')
    .action(async (file: string) => {
      let text: string;
      try {
        // stat first: opening a FIFO would wait for a writer, and a device (/dev/zero) never ends.
        const info = await stat(file);
        if (!info.isFile()) throw new UsageError(`lanewatch lanes import: not a regular file: ${file}`);
        if (info.size > maxCsvBytes) throw new UsageError(`lanewatch lanes import: ${file} is larger than ${maxCsvBytes} bytes; a lanes CSV is a few KiB`);
        text = await readFile(file, 'utf8');
      } catch (err) {
        if (err instanceof UsageError) throw err;
        throw new UsageError(`lanewatch lanes import: cannot read ${file}: ${(err as Error).message}`);
      }
      let rows;
      try {
        rows = parseBaselineCsv(text, file);
      } catch (err) {
        if (err instanceof LanesCsvError) throw new UsageError(err.message);
        throw err;
      }
      await withContext(async (ctx) => {
        const result = await ctx.database.db.transaction((tx) => importBaseline(tx, rows));
        console.log(
          `${file}: ${rows.length} lanes: ${result.inserted} added, ${result.updated} updated` +
            (result.keptReviewLanes ? `, ${result.keptReviewLanes} kept as opened by review` : ''),
        );
      });
    });
}
