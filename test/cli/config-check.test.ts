import { describe, expect, it } from 'vitest';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

describe('wagewatch config check', () => {
  const tempDir = useTempDirs();

  it('accepts the shipped configuration without printing secrets', async () => {
    const run = await runCli(['config', 'check'], {
      WAGEWATCH_ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
      WAGEWATCH_ALERT_WEBHOOK_SECRET: 'do-not-print-me',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('配置有效');
    expect(run.stdout + run.stderr).not.toContain('do-not-print-me');
  });

  it('stops with exit code 2 and file:line: field: problem for a bad file', async () => {
    const configDir = await copyProjectConfig(await tempDir());
    const line = await editConfigFile(configDir, 'default.yaml', 'backoff_ms: 1000', 'backoff_ms: -5');
    await editConfigFile(configDir, 'routing.yaml', 'timeout_s: 10', 'timeout_s: 10\n    retries: 3');
    const run = await runCli(['config', 'check'], { WAGEWATCH_CONFIG_DIR: configDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`default.yaml:${line}: queues.backoff_ms: Too small`);
    expect(run.stderr).toMatch(/routing\.yaml:\d+: channels\.duty-webhook\.retries: unknown key/);
  });

  it('refuses an unknown command or stage with exit code 2', async () => {
    expect((await runCli(['launch'])).code).toBe(2);
    const worker = await runCli(['worker', 'teleport']);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('collect|classify|index|event|alert');
  });
});

describe('start-up problems', () => {
  it('stops with exit code 2 and says so when REDIS_URL cannot be reached', async () => {
    const run = await runCli(['start'], { REDIS_URL: 'redis://127.0.0.1:1', WAGEWATCH_LOG_LEVEL: 'silent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
  });
});
