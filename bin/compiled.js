// The compiled form of a source file (dist/<path>.js, from `npm run build`) when dist/ is up to date with every
// TypeScript source in src/ and workers/ (an image may ship dist/ without them); null when it is missing or older
// than any source (an edit since the last build), so that a stale build never runs.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function* sources(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

export function compiledEntry(sourcePath) {
  for (const dir of ['src', 'workers']) {
    for (const source of sources(join(root, dir))) {
      const built = mtime(join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js'));
      if (built === null || built < mtime(source)) return null;
    }
  }
  const entry = join(root, 'dist', sourcePath.replace(/\.ts$/, '.js'));
  return mtime(entry) === null ? null : pathToFileURL(entry).href;
}
