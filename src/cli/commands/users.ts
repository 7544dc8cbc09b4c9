import type { Command } from 'commander';

// Placeholder: being written.
export function registerUsers(_program: Command): void {}
