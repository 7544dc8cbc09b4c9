// `lanewatch users add NAME | set-password NAME | remove NAME` (passwords prompted, or --password-stdin) and
// `lanewatch users hash` (for LANEWATCH_USERS). Changing a password or removing a user ends the user's sessions.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { hashPassword } from '../../web/auth/passwords.js';
import { createUser, removeUser, setPassword, UnknownUserError, UserExistsError, usernamePattern } from '../../web/auth/users.js';
import { withContext } from '../context.js';
import { UsageError } from '../errors.js';

/** A password is a line; reading stops here, so `< /dev/zero` or a huge file cannot fill memory. */
const maxPasswordBytes = 4096;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    total += buf.length;
    if (buf.includes(0x0a) || total > maxPasswordBytes) break;
  }
  // One password, on the first line; a trailing newline from `echo` is not part of it.
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  if (Buffer.byteLength(line) > maxPasswordBytes) throw new UsageError(`the password on standard input is longer than ${maxPasswordBytes} bytes`);
  return line;
}

/** Asks for a password on the terminal without echoing it. */
async function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for a password: pipe it with --password-stdin');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) process.stderr.write(muted ? '\n' : s);
  };
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
  }
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  const first = await prompt('Password: ');
  const second = await prompt('Again: ');
  if (first !== second) throw new UsageError('the passwords differ');
  return first;
}

/** Runs a user change; a taken or unknown name is one line on standard error and exit code 1. */
async function userAction(command: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof UserExistsError || err instanceof UnknownUserError) {
      console.error(`lanewatch users ${command}: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Reviewer accounts for the web UI');
  users
    .command('add')
    .argument('<name>', 'user name (letters, digits, _ . @ -)')
    .description('Create a reviewer (an existing name is refused: see set-password)')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      if (!usernamePattern.test(name)) throw new UsageError('lanewatch users add: a user name is 1-64 letters, digits, _ . @ or -');
      const password = await readPassword(!!opts.passwordStdin);
      if (password.length < 8) throw new UsageError('lanewatch users add: the password must be at least 8 characters');
      await withContext(async (ctx) => {
        await userAction('add', async () => {
          await createUser(ctx.database.db, ctx.settings, name, password);
          console.log(`Created user ${name}.`);
        });
      });
    });
  users
    .command('set-password')
    .argument('<name>', 'an existing user')
    .description("Change a reviewer's password; the user's sessions end (signed out everywhere)")
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      if (!usernamePattern.test(name)) throw new UsageError('lanewatch users set-password: a user name is 1-64 letters, digits, _ . @ or -');
      const password = await readPassword(!!opts.passwordStdin);
      if (password.length < 8) throw new UsageError('lanewatch users set-password: the password must be at least 8 characters');
      await withContext(async (ctx) => {
        await userAction('set-password', async () => {
          const r = await setPassword(ctx.database.db, name, password);
          console.log(`Changed the password of ${name}; ${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended.`);
        });
      });
    });
  users
    .command('remove')
    .argument('<name>', 'an existing user')
    .description('Remove a reviewer; the user\'s sessions end')
    .action(async (name: string) => {
      await withContext(async (ctx) => {
        await userAction('remove', async () => {
          const r = await removeUser(ctx.database.db, name);
          console.log(`Removed user ${name}; ${r.sessionsEnded} session${r.sessionsEnded === 1 ? '' : 's'} ended.`);
        });
      });
    });
  users
    .command('hash')
    .description('Print a password hash for the LANEWATCH_USERS setting (NAME:HASH,NAME:HASH)')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .action(async (opts: { passwordStdin?: boolean }) => {
      const password = await readPassword(!!opts.passwordStdin);
      if (password.length < 8) throw new UsageError('lanewatch users hash: the password must be at least 8 characters');
      console.log(await hashPassword(password));
    });
}
