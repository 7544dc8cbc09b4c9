// Files shipped beside the code (package.json, config/, drizzle/, the web UI's static files, the demo corpus),
// found from the project root: the same paths then hold for the TypeScript sources and for the compiled dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'drizzle'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the lanewatch project root (package.json beside drizzle/)');
    dir = up;
  }
}

export const projectRoot = findProjectRoot();

export function projectPath(...parts: string[]): string {
  return join(projectRoot, ...parts);
}
