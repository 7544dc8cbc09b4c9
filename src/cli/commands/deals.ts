import type { Command } from 'commander';

// Placeholder: being written.
export function registerDeals(_program: Command): void {}
