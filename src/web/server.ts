// The web role: serves the app on HOST:PORT with @hono/node-server; close() stops taking connections.
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import type { RoleContext, RunningRole } from '../role.js';
import { createApp } from './app.js';
import type { WebDeps } from './deps.js';
import { parseUsersSetting } from './auth/users.js';

export interface RunningWeb extends RunningRole {
  /** The address actually bound (PORT=0 picks a free port). */
  url: string;
  port: number;
}

export function webDeps(ctx: RoleContext): WebDeps {
  return {
    settings: ctx.settings,
    db: ctx.database.db,
    queues: ctx.queues,
    logger: ctx.logger,
    async checkReady() {
      const postgres = await ctx.database.db.execute(sql`select 1`).then(() => true, () => false);
      // Any Redis command proves it answers; the producer connection fails fast when Redis is down.
      const redis = await ctx.queues
        .queue('schedule')
        .getJobCounts('waiting')
        .then(() => true, () => false);
      return { postgres, redis };
    },
  };
}

export async function startWeb(ctx: RoleContext): Promise<RunningWeb> {
  // A bad LANEWATCH_USERS is a start-up error with its reason, not a sign-in that silently fails later.
  parseUsersSetting(ctx.settings.LANEWATCH_USERS);
  const app = createApp(webDeps(ctx));
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: ctx.settings.HOST, port: ctx.settings.PORT }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  ctx.logger.info({ url }, 'web UI listening');
  return {
    name: 'web',
    url,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        // Idle keep-alive connections would hold close() open: end them; requests in flight finish.
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        server.close(() => resolve());
        setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 5_000).unref();
      }),
  };
}
