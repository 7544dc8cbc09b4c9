/** The file URL of dist/<sourcePath>.js when dist/ is up to date with every TypeScript source, else null. */
export function compiledEntry(sourcePath: string): string | null;
