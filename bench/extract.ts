// Stage "extract": articles per second on one core, HTML in → deals out, against the cheerio parse alone (the floor)
// and cheerio's default parser plus compromise over the whole text (the naive way), on the same pages in the same run.
import * as cheerio from 'cheerio';
import nlp from 'compromise';
import { loadPageDeals, loadPageInput, type PageDealsFn, type PageInputFn } from './contracts.js';
import { loadCorpusPages, loadZytePages, type Page } from './inputs.js';
import { skippedStage, type Figure, type StageResult, type Target } from './report.js';
import { formatNumber, msSince, ratio, summarize, type Summary } from './stats.js';

export interface ExtractOptions {
  runs: number;
  /** The naive way costs ~0.13 s a real page: it is timed on every n-th page, and the ratio taken on those same pages. */
  naiveEvery: number;
  /** Corpus pages are small: each run goes over them this many times so that a run lasts long enough to time. */
  corpusRepeat: number;
}

type Method = (page: Page) => number;

function methods(pageDeals: PageDealsFn, pageInput: PageInputFn): Record<'extract' | 'floor' | 'defaultParse' | 'naive', Method> {
  return {
    // What the extractor does per article (pageDeals, as the worker): main text and metadata, headline first, deals.
    extract: (page) => pageDeals(pageInput(page.html)).deals.length,
    // The least any extraction must do: parse the page (cheerio's fastest parser, htmlparser2).
    floor: (page) => cheerio.load(page.html, { xml: { xmlMode: false } }).root().children().length,
    // cheerio's default parser (parse5) alone, for reference.
    defaultParse: (page) => cheerio.load(page.html).root().children().length,
    // The naive way: default parse, whole text of the body, compromise over all of it.
    naive: (page) => {
      const $ = cheerio.load(page.html);
      $('script, style, noscript').remove();
      const doc = nlp($('body').text());
      return doc.organizations().out('array').length + doc.money().out('array').length;
    },
  };
}

/** Per-page milliseconds of one method over a list of pages: elapsed, and CPU time of this process. */
function timePages(method: Method, pages: readonly Page[]): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  for (const page of pages) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    sink += method(page);
    const used = process.cpuUsage(cpuStart);
    wall.push(msSince(start));
    cpu.push((used.user + used.system) / 1000);
  }
  if (sink < 0) console.log(sink); // keeps the work observable so that it cannot be optimised away
  return { wall, cpu };
}

const perSecond = (count: number, ms: number) => (count * 1000) / ms;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

interface SetRuns {
  extract: number[];
  floor: number[];
  defaultParse: number[];
  naive: number[];
  /** extract's rate on the pages the naive way was timed on. */
  extractOnNaivePages: number[];
}

const emptyRuns = (): SetRuns => ({ extract: [], floor: [], defaultParse: [], naive: [], extractOnNaivePages: [] });

/** Rates per run by both clocks: CPU seconds of this process (what "one core" means on a shared machine) and elapsed. */
function runSet(pages: readonly Page[], m: ReturnType<typeof methods>, options: ExtractOptions, repeat: number): { cpu: SetRuns; wall: SetRuns } {
  const out = { cpu: emptyRuns(), wall: emptyRuns() };
  const sampleIdx = pages.map((_, i) => i).filter((i) => i % options.naiveEvery === 0);
  const sample = sampleIdx.map((i) => pages[i]);
  const repeated = Array.from({ length: repeat }, () => pages).flat();
  for (let run = 0; run < options.runs; run++) {
    const ext = timePages(m.extract, repeated);
    const floor = timePages(m.floor, repeated);
    const dflt = timePages(m.defaultParse, sample);
    const naive = timePages(m.naive, sample);
    for (const clock of ['cpu', 'wall'] as const) {
      const o = out[clock];
      o.extract.push(perSecond(repeated.length, sum(ext[clock])));
      o.extractOnNaivePages.push(perSecond(sampleIdx.length, sum(sampleIdx.map((i) => ext[clock][i]))));
      o.floor.push(perSecond(repeated.length, sum(floor[clock])));
      o.defaultParse.push(perSecond(sample.length, sum(dflt[clock])));
      o.naive.push(perSecond(sample.length, sum(naive[clock])));
    }
  }
  return out;
}

export async function benchExtract(options: ExtractOptions): Promise<StageResult> {
  const started = Date.now();
  const [pd, pi] = await Promise.all([loadPageDeals(), loadPageInput()]);
  if (!pd.ok) return skippedStage('extract', pd.reason);
  if (!pi.ok) return skippedStage('extract', pi.reason);
  const zyte = loadZytePages();
  const corpus = loadCorpusPages();
  if (!zyte && !corpus) return skippedStage('extract', 'neither the Zyte benchmark pages nor a corpus is present');
  const m = methods(pd.value, pi.value);
  const figures: Figure[] = [];
  const targets: Target[] = [];
  const notes: string[] = ['rates are per CPU-second of the bench process (process.cpuUsage), so that other load on the machine does not count; the elapsed-time rate is given beside'];

  // Warm up: JIT, compromise's lexicon, any lazily built gazetteer.
  const warm = [...(zyte ?? []).slice(0, 5), ...(corpus ?? []).slice(0, 5)];
  for (const method of Object.values(m)) timePages(method, warm);

  const sets: [string, Page[] | null, number][] = [
    ['Zyte pages', zyte, 1],
    ['corpus pages', corpus, options.corpusRepeat],
  ];
  let zyteExtract: Summary | undefined;
  for (const [label, pages, repeat] of sets) {
    if (!pages) {
      notes.push(`${label} absent: not measured`);
      continue;
    }
    const both = runSet(pages, m, options, repeat);
    const r = both.cpu;
    const ext = summarize(r.extract);
    const floor = summarize(r.floor);
    const naive = summarize(r.naive);
    const extOnSample = summarize(r.extractOnNaivePages);
    const kb = Math.round(pages.reduce((a, p) => a + p.bytes, 0) / pages.length / 1024);
    figures.push(
      { name: `extract, ${label} (${pages.length}, ~${kb} KB), per CPU-second`, unit: 'articles/s', summary: ext },
      { name: `extract, ${label}, elapsed time`, unit: 'articles/s', summary: summarize(both.wall.extract) },
      { name: `floor: cheerio parse (htmlparser2), ${label}`, unit: 'pages/s', summary: floor },
      { name: `cheerio default parse (parse5), ${label} (1 page in ${options.naiveEvery})`, unit: 'pages/s', summary: summarize(r.defaultParse) },
      { name: `naive: parse5 + compromise on whole text, ${label} (1 page in ${options.naiveEvery})`, unit: 'pages/s', summary: naive },
      { name: `extract ÷ naive, ${label} (same pages)`, unit: '×', summary: ratio(extOnSample, naive) },
      { name: `extract time ÷ floor time, ${label}`, unit: '×', summary: ratio(floor, ext) },
    );
    if (label === 'Zyte pages') {
      zyteExtract = ext;
      const vsNaive = extOnSample.median / naive.median;
      const vsFloor = floor.median / ext.median;
      targets.push(
        { text: 'extract ≥ 5× the naive way (real pages)', met: vsNaive >= 5, measured: `${formatNumber(vsNaive)}×` },
        { text: 'extract within 2× of the parse floor (real pages)', met: vsFloor <= 2, measured: `${formatNumber(vsFloor)}× the floor's time` },
      );
    }
  }
  const values: Record<string, number> = zyteExtract ? { zyteArticlesPerSecond: zyteExtract.median } : {};
  return { stage: 'extract', figures, targets, notes, values, seconds: (Date.now() - started) / 1000 };
}
