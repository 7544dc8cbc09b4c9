import type { Command } from 'commander';

// Placeholder: being written.
export function registerStart(_program: Command): void {}
