// The `lanewatch` command. Each command group lives in its own file under commands/.
// Exit codes: 0 done, 1 an input or action failed, 2 a usage error (missing argument, unknown command or option,
// bad settings).
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { projectPath } from '../paths.js';
import { UsageError } from './errors.js';

const { version } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };

const program = new Command('lanewatch')
  .description('Watches news feeds for AI compute deals and alerts when a lab opens a new compute lane.')
  .version(version, '-V, --version', 'print the lanewatch version')
  .showHelpAfterError()
  .exitOverride();

type Registrar = (program: Command) => void;

// Each command group is loaded only when it is the one asked for: loading all of them (cheerio, compromise,
// bullmq, hono...) costs about a second at every start, which scorers and scripts calling the CLI in a loop pay.
const commandGroups: Record<string, () => Promise<Registrar>> = {
  start: async () => (await import('./commands/start.js')).registerStart,
  feeds: async () => (await import('./commands/feeds.js')).registerFeeds,
  feed: async () => (await import('./commands/feed.js')).registerFeed,
  article: async () => (await import('./commands/article.js')).registerArticle,
  extract: async () => (await import('./commands/extract.js')).registerExtract,
  train: async () => (await import('./commands/train.js')).registerTrain,
  eval: async () => (await import('./commands/eval.js')).registerEval,
  deals: async () => (await import('./commands/deals.js')).registerDeals,
  lanes: async () => (await import('./commands/lanes.js')).registerLanes,
  alerts: async () => (await import('./commands/alerts.js')).registerAlerts,
  users: async () => (await import('./commands/users.js')).registerUsers,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  db: async () => (await import('./commands/db.js')).registerDb,
};

const asked = process.argv[2];
const versionOnly = asked === '--version' || asked === '-V';
const groups = versionOnly ? [] : asked && asked in commandGroups ? [asked] : Object.keys(commandGroups);
for (const name of groups) (await commandGroups[name]())(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed the problem (and the help); its own code is 1 for every usage error.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof ConfigError || err instanceof UsageError) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    console.error(`lanewatch: ${(err as Error).message ?? String(err)}`);
    process.exitCode = 1;
  }
}
