// The web role's HTTP app: review UI, JSON API, lanes and alerts pages, job dashboard, /metrics, /healthz.
import { Hono } from 'hono';
import type { WebDeps } from './deps.js';

export function createApp(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const ready = await deps.checkReady();
    return c.json(ready, ready.postgres && ready.redis ? 200 : 503);
  });
  return app;
}
