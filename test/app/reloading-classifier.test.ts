import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { createReloadingClassifier } from '../../src/app/reloading-classifier.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const tempDir = useTempDirs();

describe('rule hot reload', () => {
  it('picks up an edited rule file, and keeps the previous rules when a new file is broken', async () => {
    const dir = await tempDir();
    const configDir = await copyProjectConfig(dir);
    const config = await loadConfig({ configDir, env: {}, cwd: dir });
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk, _e, done) => done(void lines.push(chunk.toString())) }),
    );
    const reloading = createReloadingClassifier({
      config,
      env: {},
      cwd: dir,
      segmenter: buildSegmenter(config),
      logger,
      watch: true,
      debounceMs: 50,
    });
    const text = '老板卷着铺盖走了，三个月的钱一分没结';
    try {
      expect(reloading.classify({ text }).lead).toBe(false);

      // Teach the rules a new way of saying it: 一分没结 means the pay was never settled.
      await editConfigFile(
        configDir,
        'rules/wage-claims.yaml',
        '要不回来, 要不到钱,',
        '要不回来, 一分没结, 要不到钱,',
      );
      await waitFor('the new rules', () => reloading.classify({ text }).lead === true);
      expect(lines.some((line) => line.includes('rules reloaded'))).toBe(true);

      // A broken file is refused with its location; classification goes on with the last good rules.
      await editConfigFile(configDir, 'rules/noise.yaml', 'score: -30', 'score: minus thirty');
      await waitFor('the refusal', () => lines.some((line) => line.includes('rules not reloaded')));
      expect(lines.find((line) => line.includes('rules not reloaded'))).toMatch(
        /noise\.yaml:\d+: rules\[0\]\.score/,
      );
      expect(reloading.classify({ text }).lead).toBe(true);
    } finally {
      reloading.close();
    }
  });
});
