import type { Command } from 'commander';

// Placeholder: being written.
export function registerExtract(_program: Command): void {}
