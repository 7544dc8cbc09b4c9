// The demo's database: made by the demo (marked with a comment on the database), reset only if the demo made it.
// A database the demo did not create is never dropped: the demo refuses, or runs on it as it is with --keep.
import pg from 'pg';
import { redactUrl } from '../../text/redact.js';

export const demoMarker = 'created by lanewatch demo';

export type DemoDatabaseState = 'missing' | 'made-by-demo' | 'not-made-by-demo';

function parts(url: string): { name: string; admin: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`${redactUrl(url)} names no database`);
  u.pathname = '/postgres';
  return { name, admin: u.toString() };
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withAdmin<T>(url: string, fn: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const { name, admin } = parts(url);
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client, name);
  } finally {
    await client.end();
  }
}

export function demoDatabaseState(url: string): Promise<DemoDatabaseState> {
  return withAdmin(url, async (client, name) => {
    const r = await client.query<{ note: string | null }>(`select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`, [name]);
    if (r.rowCount === 0) return 'missing';
    return r.rows[0].note === demoMarker ? 'made-by-demo' : 'not-made-by-demo';
  });
}

/** Creates the database with the demo's mark; `reset` first drops it (only ever a database the demo made). */
export function createDemoDatabase(url: string, reset: boolean): Promise<void> {
  return withAdmin(url, async (client, name) => {
    if (reset) {
      const r = await client.query<{ note: string | null }>(`select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`, [name]);
      // Checked again right before the drop: only a database carrying the demo's mark is ever dropped.
      if (r.rowCount && r.rows[0].note !== demoMarker) throw new Error(`refusing to drop ${name}: the demo did not create it`);
      await client.query(`drop database if exists ${quoted(name)} with (force)`);
    }
    await client.query(`create database ${quoted(name)}`);
    await client.query(`comment on database ${quoted(name)} is '${demoMarker}'`);
  });
}
