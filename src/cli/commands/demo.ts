import type { Command } from 'commander';

// Placeholder: being written.
export function registerDemo(_program: Command): void {}
