// Stored page HTML is compressed with lz4 where the server has it: about half pglz's cost on every article.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase } from '../../../src/db/client.js';
import { useServiceTest } from '../../helpers/service-test.js';

const env = useServiceTest();

const columnCompression = async () =>
  (await env.db.execute<{ c: string }>(sql`select attcompression::text as c from pg_attribute where attrelid = 'articles'::regclass and attname = 'html'`)).rows[0]?.c;

describe('page storage', () => {
  it('compresses articles.html with lz4 when PostgreSQL has it, and migrating again changes nothing', async () => {
    const { rows } = await env.db.execute<{ lz4: boolean }>(
      sql`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`,
    );
    const expected = rows[0]?.lz4 ? 'l' : '';
    expect(await columnCompression()).toBe(expected);
    await migrateDatabase(env.db);
    expect(await columnCompression()).toBe(expected);
  });
});
