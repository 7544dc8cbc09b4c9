import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectPath, projectRoot } from '../../src/paths.js';

describe('projectPath', () => {
  it('finds config/ from the package.json named lanewatch', () => {
    expect(projectPath('config', 'gazetteer.json')).toBe(join(projectRoot, 'config', 'gazetteer.json'));
  });

  it('needs no drizzle/ beside it: a copy of the module under a bare package finds that package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-paths-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lanewatch', type: 'module' }));
      mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
      // An unrelated package.json nearer to the module is passed over.
      writeFileSync(join(dir, 'src', 'package.json'), JSON.stringify({ name: 'something-else' }));
      cpSync(join(projectRoot, 'src', 'paths.ts'), join(dir, 'src', 'deep', 'paths.ts'));
      writeFileSync(join(dir, 'src', 'deep', 'print.ts'), "import { projectRoot } from './paths.ts';\nconsole.log(projectRoot);\n");
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(dir, 'src', 'deep', 'print.ts')], { encoding: 'utf8', cwd: projectRoot });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
