// `lanewatch db migrate`: creates the database if it is missing and applies the migrations (start does this too).
import type { Command } from 'commander';
import { redactUrl } from '../../db/connect.js';
import { withContext } from '../context.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Create the database if missing and apply every migration')
    .action(async () => {
      await withContext(async (ctx) => {
        console.log(`database ready: ${redactUrl(ctx.settings.DATABASE_URL)}`);
      });
    });
}
