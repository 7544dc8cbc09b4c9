import type { Command } from 'commander';

// Placeholder: being written.
export function registerFeeds(_program: Command): void {}
