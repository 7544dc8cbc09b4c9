// Settings that used to be accepted and then misbehave: each is a clear ConfigError now.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const hash = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=';

describe('settings checks', () => {
  it('an empty DATABASE_URL is an error, not the default', () => {
    const problems = problemsOf({ DATABASE_URL: '' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL: is set but empty/);
    expect(problemsOf({ REDIS_URL: '' })[0]).toMatch(/^REDIS_URL: is set but empty/);
  });

  it('PUBLIC_URL must be an http(s) URL', () => {
    expect(problemsOf({ PUBLIC_URL: 'review.example.com' })[0]).toMatch(/^PUBLIC_URL: must be a http: or https: URL/);
    expect(problemsOf({ PUBLIC_URL: 'ftp://review.example.com' })[0]).toMatch(/^PUBLIC_URL:/);
    expect(loadSettings({ PUBLIC_URL: 'https://review.example.com/lw' }).PUBLIC_URL).toBe('https://review.example.com/lw');
  });

  it('an upper-case HTTPS:// scheme is read as https: (the cookie stays Secure)', () => {
    expect(loadSettings({ PUBLIC_URL: 'HTTPS://Review.Example.com' }).PUBLIC_URL).toBe('https://Review.Example.com');
  });

  it('a token with spaces is refused, and the error does not repeat the token', () => {
    const problems = problemsOf({ LANEWATCH_TOKEN: 'correct horse battery staple' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LANEWATCH_TOKEN: must not contain spaces/);
    expect(problems[0]).not.toContain('horse');
    expect(loadSettings({ LANEWATCH_TOKEN: 'a'.repeat(32) }).LANEWATCH_TOKEN).toBe('a'.repeat(32));
  });

  it('a bad LANEWATCH_USERS names the bad entry without showing the hashes', () => {
    const problems = problemsOf({ LANEWATCH_USERS: `ana:${hash},bob:not-a-hash,justaname` });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^LANEWATCH_USERS: entry 2 \("bob"\) is not NAME:HASH/);
    expect(problems[1]).toMatch(/^LANEWATCH_USERS: entry 3 is not NAME:HASH/);
    expect(problems.join('\n')).not.toContain('not-a-hash');
    expect(loadSettings({ LANEWATCH_USERS: `ana:${hash}, bob:${hash}` }).LANEWATCH_USERS).toContain('bob:');
  });

  it('a bad URL setting is echoed with its password redacted', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:topsecret@db/x' });
    expect(problems[0]).toMatch(/^DATABASE_URL:/);
    expect(problems[0]).not.toContain('topsecret');
  });
});
