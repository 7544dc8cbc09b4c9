// `lanewatch start [--roles poller,extractor,notifier,web]`: runs the service until SIGTERM or SIGINT.
import type { Command } from 'commander';
import { settings } from '../../config.js';
import { log } from '../../log.js';
import { roleNames, type RoleName } from '../../service/role.js';
import { runService } from '../../service/start.js';
import { UsageError } from '../errors.js';

export function parseRoles(value: string): RoleName[] {
  const names = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = names.filter((r) => !(roleNames as readonly string[]).includes(r));
  if (unknown.length) throw new UsageError(`unknown role(s): ${unknown.join(', ')} (roles: ${roleNames.join(', ')})`);
  if (names.length === 0) throw new UsageError(`--roles needs at least one of: ${roleNames.join(', ')}`);
  return names as RoleName[];
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the service: every role in this process, or only those named')
    .option('--roles <list>', `comma-separated roles to run (${roleNames.join(', ')})`, roleNames.join(','))
    .action(async (opts: { roles: string }) => {
      const roles = parseRoles(opts.roles);
      const s = settings();
      await runService({ roles, settings: s, logger: log() });
      // Stopped cleanly: exit now rather than wait for stray timers of libraries.
      process.exit(0);
    });
}
