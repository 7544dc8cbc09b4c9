// The `lanewatch` command. Each command group lives in its own file under commands/.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { registerArticle } from './commands/article.js';
import { registerExtract } from './commands/extract.js';
import { registerFeed } from './commands/feed.js';
import { registerFeeds } from './commands/feeds.js';
import { registerStart } from './commands/start.js';
import { registerDeals } from './commands/deals.js';
import { registerUsers } from './commands/users.js';
import { registerDemo } from './commands/demo.js';
import { registerLanes } from './commands/lanes.js';
import { registerAlerts } from './commands/alerts.js';
import { registerDb } from './commands/db.js';
import { UsageError } from './errors.js';

const program = new Command('lanewatch')
  .description('Watches news feeds for AI compute deals and alerts when a lab opens a new compute lane.')
  .showHelpAfterError()
  .exitOverride();

for (const register of [
  registerStart,
  registerFeeds,
  registerFeed,
  registerArticle,
  registerExtract,
  registerDeals,
  registerLanes,
  registerAlerts,
  registerUsers,
  registerDemo,
  registerDb,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof ConfigError || err instanceof UsageError) {
    console.error(err.message);
    process.exitCode = 2;
  } else {
    console.error(`lanewatch: ${(err as Error).message ?? String(err)}`);
    process.exitCode = 1;
  }
}
