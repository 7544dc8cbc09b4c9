// The service processes the bench starts run what `npm start` runs: the compiled dist/. Built here first, so that
// an edit since the last build is measured; where the build fails they run the sources through tsx, and say so.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compiledEntry } from '../bin/compiled.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export function buildServiceCode(): string {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (compiledEntry('src/cli/main.ts')) return 'compiled dist/ (npm run build)';
  const why = (build.stdout + build.stderr).trim().split('\n')[0] ?? `exit ${build.status}`;
  return `TypeScript sources through tsx (npm run build failed: ${why})`;
}
