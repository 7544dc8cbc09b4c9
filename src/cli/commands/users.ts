// `lanewatch users add NAME` (password prompted, or --password-stdin) and `lanewatch users hash` (for LANEWATCH_USERS).
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { hashPassword } from '../../web/auth/passwords.js';
import { addUser, usernamePattern } from '../../web/auth/users.js';
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

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Reviewer accounts for the web UI');
  users
    .command('add')
    .argument('<name>', 'user name (letters, digits, _ . @ -)')
    .description('Create a reviewer, or set a new password for an existing one')
    .option('--password-stdin', 'read the password from standard input instead of asking')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      if (!usernamePattern.test(name)) throw new UsageError('lanewatch users add: a user name is 1-64 letters, digits, _ . @ or -');
      const password = await readPassword(!!opts.passwordStdin);
      if (password.length < 8) throw new UsageError('lanewatch users add: the password must be at least 8 characters');
      await withContext(async (ctx) => {
        const result = await addUser(ctx.database.db, name, password);
        console.log(`${result === 'created' ? 'Created' : 'Updated the password of'} user ${name}.`);
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
