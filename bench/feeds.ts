// Stage "feeds": documents per second through lanewatch's feed layer (parseFeed), over feedparser's test files and a 200-item feed.
import { loadParseFeed, type ParseFeedFn } from './contracts.js';
import { generatedFeed } from './feed-docs.js';
import { loadFeedparserDocuments, type FeedDocument } from './inputs.js';
import { skippedStage, type Figure, type StageResult } from './report.js';
import { msSince, summarize } from './stats.js';

export interface FeedsOptions {
  runs: number;
  /** Parses of the 200-item feed per run: enough for a run to last about a second. */
  bigFeedRepeat: number;
}

/** Docs/s over the documents; a document that is not a feed counts too (its clear error is the answer). */
function timeDocs(parseFeed: ParseFeedFn, docs: readonly FeedDocument[], counts: { ok: number; failed: number }): number {
  const start = process.hrtime.bigint();
  for (const doc of docs) {
    try {
      parseFeed(doc.body, { url: `http://127.0.0.1/${doc.name}` });
      counts.ok++;
    } catch {
      counts.failed++;
    }
  }
  return (docs.length * 1000) / msSince(start);
}

export async function benchFeeds(options: FeedsOptions): Promise<StageResult> {
  const started = Date.now();
  const pf = await loadParseFeed();
  if (!pf.ok) return skippedStage('feeds', pf.reason);
  const parseFeed = pf.value;
  const figures: Figure[] = [];
  const notes: string[] = [];
  const docs = loadFeedparserDocuments();
  const big: FeedDocument[] = Array.from({ length: options.bigFeedRepeat }, () => ({ name: 'generated-200.xml', body: generatedFeed(200) }));
  const items = parseFeed(big[0].body, { url: 'http://127.0.0.1/generated-200.xml' }).items.length;
  if (items !== 200) notes.push(`the generated 200-item feed parsed to ${items} items`);

  if (docs) {
    const counts = { ok: 0, failed: 0 };
    timeDocs(parseFeed, docs.slice(0, 200), { ok: 0, failed: 0 }); // warm-up
    const rates = Array.from({ length: options.runs }, () => timeDocs(parseFeed, docs, counts));
    figures.push({ name: `parseFeed, feedparser's test files (${docs.length})`, unit: 'docs/s', summary: summarize(rates) });
    notes.push(`feedparser files: ${Math.round((counts.ok / (counts.ok + counts.failed)) * 1000) / 10}% parsed without error`);
  } else {
    notes.push("feedparser's test files absent: not measured");
  }
  timeDocs(parseFeed, big.slice(0, 5), { ok: 0, failed: 0 });
  const rates = Array.from({ length: options.runs }, () => timeDocs(parseFeed, big, { ok: 0, failed: 0 }));
  figures.push({ name: 'parseFeed, one 200-item RSS feed (~' + Math.round(big[0].body.length / 1024) + ' KB)', unit: 'docs/s', summary: summarize(rates) });
  return { stage: 'feeds', figures, targets: [], notes, values: {}, seconds: (Date.now() - started) / 1000 };
}
