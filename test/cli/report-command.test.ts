import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildStore } from '../../src/app/build-store.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { EVENTS, LEADS } from '../reports/report-fixture.ts';

const tempDir = useTempDirs();

describe('wagewatch report', () => {
  it('writes the weekly dispatch for a period in each format, and an empty period says so', async () => {
    const dir = await tempDir();
    const dataDir = join(dir, 'data');
    const config = await loadProjectConfig({ WAGEWATCH_DATA_DIR: dataDir });
    const store = await buildStore(config, {
      segmenter: buildSegmenter(config),
      logger: createSilentLogger(),
    });
    for (const lead of LEADS) await store.putRecord('lead', lead.id, lead, null);
    for (const event of EVENTS) await store.putRecord('event', event.id, event, null);
    await store.close();
    const env = { WAGEWATCH_DATA_DIR: dataDir };
    const period = ['--from', '2026-11-23', '--to', '2026-11-29'];
    const [html, md, empty, bad] = await Promise.all([
      runCli(['report', 'weekly', ...period, '--out', join(dir, 'w.html')], env),
      runCli(['report', 'weekly', ...period, '--format', 'md', '--out', join(dir, 'w.md')], env),
      runCli(
        ['report', 'weekly', '--from', '2025-01-06', '--to', '2025-01-12', '--out', join(dir, 'e.html')],
        env,
      ),
      runCli(['report', 'weekly', '--from', '2026-11-29', '--to', '2026-11-23'], env),
    ]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('青禾县根治欠薪工作周调度（2026-11-23至2026-11-29）');
    const page = await readFile(join(dir, 'w.html'), 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('指标口径');
    expect(await readFile(join(dir, 'w.md'), 'utf8')).toContain('| ');
    expect(md.code).toBe(0);
    expect(empty.stdout).toContain('本期无新增线索');
    expect(await readFile(join(dir, 'e.html'), 'utf8')).toContain('本期无新增线索');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from 不晚于 --to');
  }, 60_000);
});
