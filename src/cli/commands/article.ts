import type { Command } from 'commander';

// Placeholder: being written.
export function registerArticle(_program: Command): void {}
