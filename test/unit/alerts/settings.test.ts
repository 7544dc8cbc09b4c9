import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from '../../../src/config.js';
import { configuredChannels, digestChannels } from '../../../src/alerts/channels/configured.js';

describe('alert settings', () => {
  it('rejects a DIGEST_CRON that is not a cron expression, naming it', () => {
    expect(() => loadSettings({}, { DIGEST_CRON: 'every day' })).toThrow(ConfigError);
    expect(() => loadSettings({}, { DIGEST_CRON: 'every day' })).toThrow(/DIGEST_CRON: must be a cron expression/);
    expect(loadSettings({}, { DIGEST_CRON: '0 8 * * *' }).DIGEST_CRON).toBe('0 8 * * *');
  });

  it('turns on the channels whose settings are present', () => {
    expect(configuredChannels(loadSettings({}, {}))).toEqual(['log']);
    expect(configuredChannels(loadSettings({}, { ALERT_LOG: 'false' }))).toEqual([]);
    // E-mail needs both a server and a recipient.
    expect(configuredChannels(loadSettings({}, { SMTP_URL: 'smtp://127.0.0.1:2525', ALERT_LOG: 'false' }))).toEqual([]);
    const all = loadSettings({}, {
      ALERT_WEBHOOK_URL: 'https://hooks.example/x',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.example/y',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      ALERT_EMAIL_TO: 'a@example.test',
    });
    expect(configuredChannels(all)).toEqual(['webhook', 'slack', 'email', 'log']);
    expect(digestChannels(all)).toEqual(['webhook', 'email', 'log']);
  });

  it('waits 60 s before sending by default; ALERT_DELAY_SECONDS takes whole seconds from 0 (at once) up to a day', () => {
    expect(loadSettings({}, {}).ALERT_DELAY_SECONDS).toBe(60);
    expect(loadSettings({}, { ALERT_DELAY_SECONDS: '0' }).ALERT_DELAY_SECONDS).toBe(0);
    expect(loadSettings({}, { ALERT_DELAY_SECONDS: '300' }).ALERT_DELAY_SECONDS).toBe(300);
    expect(() => loadSettings({}, { ALERT_DELAY_SECONDS: '-1' })).toThrow(/ALERT_DELAY_SECONDS: must be 0 or more/);
    expect(() => loadSettings({}, { ALERT_DELAY_SECONDS: '1.5' })).toThrow(/ALERT_DELAY_SECONDS: must be a whole number of seconds/);
    expect(() => loadSettings({}, { ALERT_DELAY_SECONDS: 'soon' })).toThrow(/ALERT_DELAY_SECONDS: must be a number of seconds/);
    expect(() => loadSettings({}, { ALERT_DELAY_SECONDS: '86401' })).toThrow(/ALERT_DELAY_SECONDS: must be at most 86400/);
  });
});
