import type { Command } from 'commander';

// Placeholder: being written.
export function registerLanes(_program: Command): void {}
