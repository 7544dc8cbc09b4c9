// Where the bench's inputs live (../shared beside the repository, or the test fixtures), and loading them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const fromBench = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));

export const paths = {
  zyteHtml: fromBench('../../shared/external/article-extraction-benchmark/html'),
  feedparserTests: fromBench('../../shared/external/feedparser-tests'),
  corpusRoots: [fromBench('../test/fixtures/corpus'), fromBench('../../shared/corpus')],
};

export interface Page {
  name: string;
  html: string;
  bytes: number;
}

/** The Zyte benchmark's real pages (gzipped HTML), or null when the data is absent. */
export function loadZytePages(): Page[] | null {
  if (!existsSync(paths.zyteHtml)) return null;
  const names = readdirSync(paths.zyteHtml)
    .filter((n) => n.endsWith('.html.gz'))
    .sort();
  if (names.length === 0) return null;
  return names.map((name) => {
    const raw = gunzipSync(readFileSync(join(paths.zyteHtml, name)));
    return { name, html: raw.toString('utf8'), bytes: raw.length };
  });
}

/** Every labelled corpus page (articles/*.html of each set), from the first root that has any. */
export function loadCorpusPages(): Page[] | null {
  for (const root of paths.corpusRoots) {
    if (!existsSync(root)) continue;
    const pages: Page[] = [];
    for (const set of readdirSync(root).sort()) {
      const dir = join(root, set, 'articles');
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      for (const name of readdirSync(dir).sort()) {
        if (!name.endsWith('.html')) continue;
        const raw = readFileSync(join(dir, name));
        pages.push({ name: `${set}/${name}`, html: raw.toString('utf8'), bytes: raw.length });
      }
    }
    if (pages.length) return pages;
  }
  return null;
}

export interface FeedDocument {
  name: string;
  body: Buffer;
}

/** feedparser's test documents (xml, json, rss, atom, rdf), or null when absent. */
export function loadFeedparserDocuments(): FeedDocument[] | null {
  if (!existsSync(paths.feedparserTests)) return null;
  const docs: FeedDocument[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(xml|json|rss|atom|rdf)$/i.test(name)) docs.push({ name: p.slice(paths.feedparserTests.length + 1), body: readFileSync(p) });
    }
  };
  walk(paths.feedparserTests);
  return docs.length ? docs : null;
}
