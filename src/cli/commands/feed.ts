import type { Command } from 'commander';

// Placeholder: being written.
export function registerFeed(_program: Command): void {}
