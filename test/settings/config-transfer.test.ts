import { describe, expect, it } from 'vitest';
import { configForTransfer, configFromTransfer } from '../../src/settings/config-transfer.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { Secret } from '../../src/settings/secret.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';

const SECRETS = {
  WAGEWATCH_LINK_SECRET: 'link-secret-value',
  WAGEWATCH_INTAKE_NATIONAL_KEY: 'intake-key-value',
  WAGEWATCH_MATCH_KEY: 'match-key-value',
  WAGEWATCH_ALERT_WEBHOOK_SECRET: 'webhook-secret-value',
};

/** What a worker thread receives: the transfer form, structured-cloned as `workerData` is. */
const throughThread = (config: AppConfig) => configFromTransfer(structuredClone(configForTransfer(config)));

describe('the config sent to a worker thread', () => {
  it('arrives whole, its secrets still Secrets that reveal the same values', async () => {
    const config = await loadProjectConfig(SECRETS);
    const received = throughThread(config);
    expect(received).toEqual(config);
    expect(received.linkSecret).toBeInstanceOf(Secret);
    expect(received.linkSecret?.reveal()).toBe('link-secret-value');
    expect(received.matchKey?.reveal()).toBe('match-key-value');
    expect([...received.intakeSecrets.values()].map((secret) => secret?.reveal())).toContain(
      'intake-key-value',
    );
    expect(JSON.stringify(received)).not.toContain('secret-value');
  });

  it('would lose a Secret to plain structured cloning, which is why it is encoded', async () => {
    const config = await loadProjectConfig(SECRETS);
    expect(structuredClone(config).linkSecret).not.toBeInstanceOf(Secret);
  });

  it('refuses what cannot cross, naming where it is', () => {
    const withFunction = { settings: { hook: () => 1 } } as unknown as AppConfig;
    expect(() => configForTransfer(withFunction)).toThrow('config.settings.hook is a function');
    class Pool {}
    const withClass = { sources: [{ pool: new Pool() }] } as unknown as AppConfig;
    expect(() => configForTransfer(withClass)).toThrow('config.sources[0].pool is a Pool');
  });
});
