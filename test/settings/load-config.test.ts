import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

describe('loading the project configuration', () => {
  const tempDir = useTempDirs();

  async function problemsOf(edit: (configDir: string) => Promise<unknown>, env: Record<string, string> = {}) {
    const dir = await tempDir();
    const configDir = await copyProjectConfig(dir);
    await edit(configDir);
    const error = await loadConfig({ configDir, env, cwd: dir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }

  it('loads the shipped files and freezes the result', async () => {
    const config = await loadProjectConfig();
    expect(config.sources.map((s) => s.id)).toContain('demo-site');
    expect(config.rules.length).toBeGreaterThan(0);
    expect(config.gazetteer.towns.length).toBe(10);
    expect(Object.isFrozen(config.settings.queues)).toBe(true);
    expect(config.warnings).toContain('channel duty-webhook: no url configured, so it is disabled');
  });

  it('takes endpoints from the environment', async () => {
    const config = await loadProjectConfig({
      REDIS_URL: 'redis://10.0.0.5:6379',
      WAGEWATCH_DATA_DIR: '/srv/wagewatch',
      WAGEWATCH_ALERT_WEBHOOK_URL: 'https://duty.example.gov.cn/hook',
      WAGEWATCH_ALERT_WEBHOOK_SECRET: 's3cret-value',
    });
    expect(config.settings.redis.url).toBe('redis://10.0.0.5:6379');
    expect(config.settings.data_dir).toBe('/srv/wagewatch');
    const secret = config.secrets.get('duty-webhook');
    expect(secret?.reveal()).toBe('s3cret-value');
    // A secret never shows up in logs, JSON or inspection.
    expect(JSON.stringify(config)).not.toContain('s3cret-value');
    expect(inspect(config, { depth: 10 })).not.toContain('s3cret-value');
    expect(String(secret)).toBe('[secret from WAGEWATCH_ALERT_WEBHOOK_SECRET]');
  });

  it('reports a bad value with file, line and field', async () => {
    let line = 0;
    const problems = await problemsOf(async (dir) => {
      line = await editConfigFile(dir, 'default.yaml', 'attempts: 8', 'attempts: many');
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'config/default.yaml', line, path: 'queues.attempts' }),
    ]);
  });

  it('rejects unknown keys', async () => {
    const problems = await problemsOf((dir) =>
      editConfigFile(dir, 'default.yaml', 'store:\n', 'store:\n  replicas: 3\n'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'config/default.yaml',
        path: 'store.replicas',
        message: 'unknown key',
      }),
    ]);
  });

  it('rejects an environment value the schema refuses, naming the field', async () => {
    const problems = await problemsOf(async () => undefined, { REDIS_URL: 'not a url' });
    expect(problems).toEqual([expect.objectContaining({ file: 'config/default.yaml', path: 'redis.url' })]);
  });

  it('reports every problem across files at once', async () => {
    const problems = await problemsOf(async (dir) => {
      await editConfigFile(dir, 'sources/demo-site.yaml', 'kind: html-list', 'kind: carrier-pigeon');
      await editConfigFile(
        dir,
        'rules/wage-claims.yaml',
        'match: { any: [wage_owed] }',
        'match: { any: [wage_owd] }',
      );
      await editConfigFile(
        dir,
        'routing.yaml',
        'channels: [console, duty-webhook]',
        'channels: [console, pager]',
      );
      await editConfigFile(dir, 'levels.yaml', 'level: red', 'level: crimson');
    });
    const summary = problems.map((p) => `${p.file}:${p.line}: ${p.path}: ${p.message}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^config\/sources\/demo-site\.yaml:5: kind: unknown source kind "carrier-pigeon"/,
        ),
        expect.stringMatching(
          /^config\/rules\/wage-claims\.yaml:\d+: rules\[0\]\.match\.any\[0\]: unknown group "wage_owd"/,
        ),
        expect.stringMatching(
          /^config\/routing\.yaml:\d+: routes\[0\]\.channels\[1\]: unknown channel "pager"/,
        ),
        expect.stringMatching(/^config\/levels\.yaml:\d+: levels\[0\]\.level: /),
      ]),
    );
  });

  it('names a fallback to a channel that does not exist, which would drop refused messages', async () => {
    const problems = await problemsOf((dir) =>
      editConfigFile(
        dir,
        'routing.yaml',
        '# fallbacks:\n#   duty-webhook: console',
        'fallbacks:\n  duty-webhook: pager',
      ),
    );
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^config\/routing\.yaml:\d+: fallbacks\.duty-webhook: unknown channel "pager"/),
    ]);
  });

  it('checks a source kind’s own options', async () => {
    let line = 0;
    const problems = await problemsOf(async (dir) => {
      line = await editConfigFile(dir, 'sources/demo-site.yaml', 'max_pages: 5', 'max_pages: 0');
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'options.max_pages', line })]);
  });

  it('names an unset variable that has no default', async () => {
    const problems = await problemsOf((dir) =>
      editConfigFile(dir, 'default.yaml', '${WAGEWATCH_LOG_LEVEL:-info}', '${LOG_LEVEL_WITHOUT_DEFAULT}'),
    );
    expect(problems[0]?.message).toBe(
      'environment variable LOG_LEVEL_WITHOUT_DEFAULT is not set and has no default',
    );
  });
});
