#!/usr/bin/env node
// Runs the compiled dist/ when it is up to date (`npm run build`; `npm start` builds first): no TypeScript
// compiler in memory. Otherwise runs the TypeScript sources through tsx, so that `lanewatch` works right after
// `npm ci` and after any edit.
import { compiledEntry } from './compiled.js';

const compiled = compiledEntry('src/cli/main.ts');
if (compiled) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
