// Every setting lanewatch reads: environment variable → typed value with its default, validated once.
// Nothing else in the code reads process.env.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { redactUrl } from './text/redact.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a ${protocols.join(' or ')} URL` },
  );

const optionalUrl = (protocols: string[]) => url(protocols).optional();

/** A URL whose scheme is written in lower case, so that checks such as "https:" hold for "HTTPS://". */
const lowerScheme = (v: string) => v.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (scheme) => scheme.toLowerCase());

// The shape of one LANEWATCH_USERS entry: NAME:scrypt$N$r$p$salt$hash (what `lanewatch users hash` prints).
const userEntry = /^[A-Za-z0-9_.@-]{1,64}:scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

/** Settings whose values are secrets: an error about them never repeats the value. */
const secretSettings = new Set(['LANEWATCH_TOKEN', 'LANEWATCH_USERS', 'ALERT_WEBHOOK_SECRET']);
/** Settings that may not be set to the empty string (an empty DATABASE_URL is a mistake, not "use the default"). */
const noEmptyValue = new Set(['DATABASE_URL', 'REDIS_URL', 'PUBLIC_URL']);

const positiveInt = z.coerce.number({ message: 'must be a number' }).int('must be a whole number').positive('must be positive');

/** The database lanewatch uses when DATABASE_URL is not set (the demo uses lanewatch_demo beside it then). */
export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/lanewatch';
export const defaultPublicUrl = 'http://127.0.0.1:8080';

export const settingsSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default(defaultDatabaseUrl),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key in Redis; lets several lanewatch installs (or test files) share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('lanewatch'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  POLL_INTERVAL_SECONDS: positiveInt.default(900),
  /** Longest a failing feed is left alone before it is tried again (backoff cap). */
  POLL_BACKOFF_MAX_SECONDS: positiveInt.default(6 * 3600),
  /** How often the scheduler looks for due feeds. */
  SCHEDULER_TICK_SECONDS: positiveInt.default(15),
  /** How often articles and alerts left without a job are re-enqueued from PostgreSQL. */
  SWEEP_INTERVAL_SECONDS: positiveInt.default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALLOW_PRIVATE_NETWORKS: bool.default(false),
  USER_AGENT_CONTACT: z.string().default('https://github.com/lanewatch/lanewatch'),
  FETCH_TIMEOUT_SECONDS: positiveInt.default(20),
  FEED_MAX_BYTES: positiveInt.default(10 * 1024 * 1024),
  PAGE_MAX_BYTES: positiveInt.default(5 * 1024 * 1024),
  PER_HOST_CONCURRENCY: positiveInt.default(4),
  POLL_CONCURRENCY: positiveInt.default(20),
  EXTRACT_CONCURRENCY: positiveInt.default(4),
  /**
   * Alert deliveries in flight per process. Each is one HTTP POST or SMTP exchange that mostly waits: a channel that
   * is down (each attempt bounded by its timeout) occupies a few slots while the other channels' deliveries flow.
   */
  NOTIFY_CONCURRENCY: positiveInt.default(16),
  /**
   * Extraction worker threads. One by default in every process: parsing never stalls the event loop (web UI, job
   * locks, shutdown), the thread's heap is bounded (extract-pool.ts) so a burst of large pages or one pathological
   * page cannot grow the process, and a page that outgrows it fails alone. 0 extracts on the process's own thread.
   */
  EXTRACT_THREADS: z.coerce.number({ message: 'must be a number of threads' }).int().min(0).max(64).default(1),
  /** How long a worker's hold on a job lasts without renewal: a killed worker's jobs go back to the queue after about this long. */
  JOB_LOCK_SECONDS: positiveInt.default(30),
  /** Longest wait for in-flight jobs on SIGTERM/SIGINT before the process exits anyway (they are handed back). */
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt.default(25),
  // The bearer header is `Bearer <token>`: a token with spaces could never be sent, so it is refused here.
  LANEWATCH_TOKEN: z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain spaces or other whitespace').optional(),
  /** user:scrypt-hash pairs separated by commas (make a hash with `lanewatch users hash`). */
  LANEWATCH_USERS: z
    .string()
    .superRefine((value, ctx) => {
      const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
      if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'holds no NAME:HASH entry' });
      entries.forEach((entry, i) => {
        if (!userEntry.test(entry)) {
          const name = entry.includes(':') ? entry.slice(0, entry.indexOf(':')) : null;
          ctx.addIssue({ code: 'custom', message: `entry ${i + 1}${name && name.length <= 64 ? ` (${JSON.stringify(name)})` : ''} is not NAME:HASH with a hash from \`lanewatch users hash\`` });
        }
      });
    })
    .optional(),
  ALERT_ON: z.enum(['approved', 'candidate']).default('approved'),
  /**
   * The undo window: a new-lane alert waits this long in the outbox before any channel gets it, so that a reviewer's
   * undo (or reject, or edit) within it cancels it with nothing sent and no correction. 0 sends at once.
   */
  ALERT_DELAY_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds').min(0, 'must be 0 or more').max(86_400, 'must be at most 86400 (a day)').default(60),
  ALERT_CANDIDATE_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.8),
  ALERT_WEBHOOK_URL: optionalUrl(['http:', 'https:']),
  ALERT_WEBHOOK_SECRET: z.string().optional(),
  SLACK_WEBHOOK_URL: optionalUrl(['http:', 'https:']),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  ALERT_EMAIL_TO: z.string().optional(),
  ALERT_EMAIL_FROM: z.string().default('lanewatch <lanewatch@localhost>'),
  ALERT_LOG: bool.default(true),
  /** When the digest goes out (UTC), e.g. "0 8 * * *" for 08:00 every day; unset: no digest. */
  DIGEST_CRON: z
    .string()
    .refine(
      (v) => {
        try {
          CronExpressionParser.parse(v, { tz: 'UTC' });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a cron expression, e.g. "0 8 * * *" (08:00 UTC daily)' },
    )
    .optional(),
  /** Where reviewers reach the web UI (links in alerts; an https: URL makes the session cookie Secure). */
  PUBLIC_URL: z.string().transform(lowerScheme).pipe(url(['http:', 'https:'])).default(defaultPublicUrl),
});

export type Settings = Readonly<z.infer<typeof settingsSchema>>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`lanewatch: bad settings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings from an environment (process.env by default); throws ConfigError listing every bad value. */
export function loadSettings(env: Record<string, string | undefined> = process.env, overrides: Partial<Record<keyof Settings, string>> = {}): Settings {
  const input: Record<string, string> = {};
  const empty: string[] = [];
  for (const key of Object.keys(settingsSchema.shape)) {
    const value = overrides[key as keyof Settings] ?? env[key];
    if (value === '' && noEmptyValue.has(key)) empty.push(`${key}: is set but empty (unset it to use the default, or give a URL)`);
    else if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = settingsSchema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const key = String(i.path[0]);
        const given = input[key];
        const shown = given === undefined ? 'null' : secretSettings.has(key) ? '(hidden)' : JSON.stringify(/:\/\//.test(given) ? redactUrl(given) : given);
        return `${i.path.join('.')}: ${i.message} (got ${shown})`;
      });
  if (empty.length || !parsed.success) throw new ConfigError([...empty, ...problems]);
  return Object.freeze(parsed.data!);
}

let cached: Settings | undefined;
/** The process's settings, parsed once. */
export function settings(): Settings {
  cached ??= loadSettings();
  return cached;
}
