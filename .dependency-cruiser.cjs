// The import-boundary check (`npm run boundaries`, part of `npm run check`): the layering of design.md's
// "Layout", bottom to top. A module may import its own folder and the layers below it, never a layer above
// it or a folder beside it on the same layer, so that no folder loop can form. The pure readers (feed/,
// page/, extract/, text/) import nothing of the database, the queue, the network or the service, so that
// `lanewatch extract page.html` and the library export run with no services at all.
// TypeScript 7 has no compiler API, so dependency-cruiser reads the sources with swc.

/** Bottom to top. Each entry is a folder under src/ (or a single src/<name>.ts), or workers/. */
const layers = [
  ['text', 'paths', 'metrics'],
  ['config', 'log'],
  ['feed', 'page', 'extract'],
  ['db'],
  ['format', 'net', 'queue', 'demo'],
  ['role'],
  ['alerts'],
  ['lanes'],
  ['deals'],
  ['articles'],
  ['polling', 'training'],
  ['workers', 'web'],
  ['service'],
  ['cli', 'index'],
];

const pathOf = (name) => (name === 'workers' ? '^workers/' : `^src/${name}(/|\\.ts$)`);
const anyOf = (names) => `(${names.map(pathOf).join('|')})`;
const all = layers.flat();

/** One rule per folder: nothing on its own layer (other folders) or above. */
const layering = layers.flatMap((layer, i) =>
  layer.map((name) => {
    const notBelow = [...layer.filter((n) => n !== name), ...layers.slice(i + 1).flat()];
    return {
      name: `layer-${name}`,
      comment: `${name} sits on layer ${i} (${layer.join(', ')}): it imports only its own folder and layers 0-${i - 1} (.dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: pathOf(name) },
      to: { path: anyOf(notBelow) },
    };
  }),
).filter((rule) => rule.to.path !== '()');

module.exports = {
  forbidden: [
    {
      name: 'pure-readers-stay-pure',
      comment: 'feed/, page/, extract/ and text/ import nothing of the database, the queue, the network or the service',
      severity: 'error',
      from: { path: anyOf(['feed', 'page', 'extract', 'text']) },
      to: { path: anyOf(['db', 'queue', 'net', 'role', 'service', 'workers', 'web', 'cli', 'polling', 'articles', 'deals', 'lanes', 'alerts', 'config']) },
    },
    {
      name: 'pure-readers-need-no-services',
      comment: 'feed/, page/, extract/ and text/ use no database, queue, HTTP-server or mail package',
      severity: 'error',
      from: { path: anyOf(['feed', 'page', 'extract', 'text']) },
      to: { dependencyTypes: ['npm'], path: '^node_modules/(pg|drizzle-orm|bullmq|ioredis|undici|hono|@hono|nodemailer|pino|prom-client)/' },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: 'a new folder under src/ gets its place in the layers of .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/', pathNot: `${anyOf(all)}|^src/web/static/|^src/articles/extract-thread-tsx\\.js$` },
      to: {},
    },
    ...layering,
    {
      name: 'no-circular',
      comment: 'modules import each other in a loop',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-test',
      comment: 'test scaffolding (scratch databases, fixtures) stays under test/',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-not-to-dev-dependencies',
      comment: 'the service runs with production dependencies only',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
