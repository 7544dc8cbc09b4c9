// `lanewatch start [--roles poller,extractor,notifier,web]`: runs the service until SIGTERM or SIGINT.
import type { Command } from 'commander';
import { settings } from '../../config.js';
import { log } from '../../log.js';
import { roleNames, type RoleName } from '../../role.js';
import { runService, type RunningService } from '../../service/start.js';
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

/** The line a person reads among the JSON log lines: where to open the UI and how to get an account. */
export function startedLine(service: RunningService): string {
  const web = service.roles.find((r): r is typeof r & { url: string } => r.name === 'web' && typeof (r as { url?: unknown }).url === 'string');
  const roles = service.roles.map((r) => r.name).filter((n, i, all) => all.indexOf(n) === i);
  if (!web) return `lanewatch is running (${roles.join(', ')}); stop it with Ctrl-C.`;
  // A server listening on every interface is opened on this machine through loopback.
  const url = web.url.replace(/^http:\/\/(?:0\.0\.0\.0|\[?::\]?)(?=:)/, 'http://127.0.0.1');
  return `lanewatch is running: open ${url}/ ; add a reviewer with \`lanewatch users add NAME\``;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the service: every role in this process, or only those named')
    .option('--roles <list>', `comma-separated roles to run (${roleNames.join(', ')})`, roleNames.join(','))
    .action(async (opts: { roles: string }) => {
      const roles = parseRoles(opts.roles);
      const s = settings();
      // Standard output carries the one readable line; the JSON log goes to standard error.
      const code = await runService({ roles, settings: s, logger: log(), onStarted: (service) => console.log(startedLine(service)) });
      // Stopped (0 after a signal, 1 after an unhandled fault): exit now rather than wait for stray timers of libraries.
      process.exit(code);
    });
}
