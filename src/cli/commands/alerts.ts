import type { Command } from 'commander';

// Placeholder: being written.
export function registerAlerts(_program: Command): void {}
