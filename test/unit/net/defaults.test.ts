import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/config.js';
import { fetchOptionsFor } from '../../../src/net/defaults.js';

describe('fetchOptionsFor', () => {
  it('uses the feed and page caps, the timeout and the private-network switch from the settings', () => {
    const s = loadSettings({ FEED_MAX_BYTES: '1000', PAGE_MAX_BYTES: '2000', FETCH_TIMEOUT_SECONDS: '7', ALLOW_PRIVATE_NETWORKS: 'true' });
    expect(fetchOptionsFor('feed', s)).toEqual({ maxBytes: 1000, timeoutMs: 7000, allowPrivateNetworks: true });
    expect(fetchOptionsFor('page', s).maxBytes).toBe(2000);
    expect(fetchOptionsFor('webhook', s).maxBytes).toBe(65536);
  });
  it('defaults to 10 MiB feeds, 5 MiB pages and no private networks', () => {
    const s = loadSettings({});
    expect(fetchOptionsFor('feed', s)).toEqual({ maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000, allowPrivateNetworks: false });
    expect(fetchOptionsFor('page', s).maxBytes).toBe(5 * 1024 * 1024);
  });
});
