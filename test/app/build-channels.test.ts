import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildChannels } from '../../src/app/build-channels.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('building the channels from routing.yaml', () => {
  it('keeps a webhook to the limits routing.yaml gives it, and to 100 a second when it gives none', async () => {
    const env = { WAGEWATCH_ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/alerts' };
    const plain = await loadProjectConfig(env);
    expect(buildChannels(plain, { consoleOut: new PassThrough() }).get('duty-webhook')?.limits).toMatchObject(
      {
        messages: 100,
        perMs: 1000,
      },
    );

    const configDir = await copyProjectConfig(await tempDir());
    await editConfigFile(
      configDir,
      'routing.yaml',
      '    timeout_s: 10\n',
      '    timeout_s: 10\n    limits: { messages: 20, per_s: 60 }\n',
    );
    const limited = await loadConfig({ configDir, env, cwd: process.cwd() });
    expect(
      buildChannels(limited, { consoleOut: new PassThrough() }).get('duty-webhook')?.limits,
    ).toMatchObject({
      messages: 20,
      perMs: 60_000,
    });
  });
});
