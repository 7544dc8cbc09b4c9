import type { Command } from 'commander';

// Placeholder: being written.
export function registerDb(_program: Command): void {}
