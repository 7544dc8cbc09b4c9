// bin/compiled.js: dist/ runs only when it is at least as new as every TypeScript source, so a stale build never runs.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A copy of bin/compiled.js in a project of its own, with the given files and their modification times (seconds). */
async function project(files: Record<string, number>): Promise<(source: string) => string | null> {
  root = mkdtempSync(join(tmpdir(), 'lw-compiled-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync(new URL('../../../bin/compiled.js', import.meta.url), join(root, 'bin', 'compiled.js'));
  for (const [path, seconds] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), seconds, seconds);
  }
  const mod = (await import(`${pathToFileURL(join(root, 'bin', 'compiled.js')).href}?${Math.random()}`)) as { compiledEntry(source: string): string | null };
  return mod.compiledEntry;
}

describe('compiledEntry', () => {
  it('answers the compiled entry when every source has a build at least as new', async () => {
    const entry = await project({ 'src/cli/main.ts': 100, 'src/a/b.ts': 100, 'src/types.d.ts': 500, 'workers/w.ts': 100, 'dist/src/cli/main.js': 200, 'dist/src/a/b.js': 200, 'dist/workers/w.js': 100 });
    expect(entry('src/cli/main.ts')).toBe(pathToFileURL(join(root, 'dist/src/cli/main.js')).href);
  });

  it('answers null when a source was edited after the build', async () => {
    const entry = await project({ 'src/cli/main.ts': 100, 'workers/w.ts': 300, 'dist/src/cli/main.js': 200, 'dist/workers/w.js': 200 });
    expect(entry('src/cli/main.ts')).toBeNull();
  });

  it('answers null when a source has no build, or there is no dist/ at all', async () => {
    expect((await project({ 'src/cli/main.ts': 100, 'src/new.ts': 100, 'dist/src/cli/main.js': 200 }))('src/cli/main.ts')).toBeNull();
    rmSync(root, { recursive: true, force: true });
    expect((await project({ 'src/cli/main.ts': 100 }))('src/cli/main.ts')).toBeNull();
  });

  it('runs dist/ where no TypeScript source ships beside it (the Docker image)', async () => {
    const entry = await project({ 'dist/src/cli/main.js': 200, 'src/web/static/app.css': 100 });
    expect(entry('src/cli/main.ts')).toBe(pathToFileURL(join(root, 'dist/src/cli/main.js')).href);
  });
});
