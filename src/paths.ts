// Files shipped beside the code (package.json, config/, drizzle/, the web UI's static files, the demo corpus),
// found from the project root: the same paths then hold for the TypeScript sources and for the compiled dist/.
// The root is the nearest directory above this module whose package.json is lanewatch's, so that the pure
// modules (extract/, page/) find config/ with nothing of the service's layout (no drizzle/) around them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = 'lanewatch';

function isProjectRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === packageName;
  } catch {
    return false;
  }
}

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isProjectRoot(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${packageName} project root (the package.json named "${packageName}" above ${fileURLToPath(import.meta.url)})`);
    dir = up;
  }
}

export const projectRoot = findProjectRoot();

export function projectPath(...parts: string[]): string {
  return join(projectRoot, ...parts);
}
