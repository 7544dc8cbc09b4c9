import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../src/config.js';

describe('settings', () => {
  it('has the documented defaults', () => {
    const s = loadSettings({});
    expect(s.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/lanewatch');
    expect(s.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(s.PORT).toBe(8080);
    expect(s.POLL_INTERVAL_SECONDS).toBe(900);
    expect(s.ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(s.EXTRACT_THREADS).toBe(1);
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('reads typed values from the environment', () => {
    const s = loadSettings({ PORT: '9090', ALLOW_PRIVATE_NETWORKS: 'true', EXTRACT_THREADS: '2', POLL_INTERVAL_SECONDS: '60' });
    expect([s.PORT, s.ALLOW_PRIVATE_NETWORKS, s.EXTRACT_THREADS, s.POLL_INTERVAL_SECONDS]).toEqual([9090, true, 2, 60]);
  });

  it('names every bad value in one error, one line each', () => {
    let error: unknown;
    try {
      loadSettings({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ALLOW_PRIVATE_NETWORKS: 'maybe', EXTRACT_THREADS: 'many' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    for (const key of ['PORT', 'DATABASE_URL', 'ALLOW_PRIVATE_NETWORKS', 'EXTRACT_THREADS']) {
      expect(problems.some((p) => p.startsWith(`${key}:`))).toBe(true);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadSettings({ PORT: '' }).PORT).toBe(8080);
  });
});
