// The request variables the app's middleware sets, and how any route (ours or another module's) reads them.
import type { Context } from 'hono';

export interface AppEnv {
  Variables: {
    /** The signed-in reviewer (or "api-token" for the bearer token); null when nobody is signed in. */
    user: string | null;
    /** The session's CSRF token, to put in every form (hidden field `_csrf`). */
    csrf: string | null;
  };
}

/** Who is signed in and the CSRF token, for `page(title, body, viewer(c))` and form fields; works on any Hono context. */
export function viewer(c: Context): { user: string | null; csrf: string | null } {
  const vars = c.var as Partial<AppEnv['Variables']>;
  return { user: vars.user ?? null, csrf: vars.csrf ?? null };
}
