import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle } from '../../scripts/build.ts';
import { projectRoot } from '../../src/settings/project-root.ts';
import { runCli, runNodeScript } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const TEXT = '河口镇安置房项目拖欠30名农民工工资50万元，工人爬上塔吊讨薪';

describe('the bundle production processes run (npm run build)', () => {
  // Built where the project's own build would put it relative to the packages and config: inside
  // the checkout, so it finds them as dist/ does.
  const outdir = join(projectRoot(), 'node_modules', '.cache', 'wagewatch-test', 'bundle');

  it('answers as the TypeScript sources do, finds the shipped config, and loads report rendering on use', async () => {
    await bundle('src/cli/main.ts', outdir);
    const fromSource = await runCli(['classify', '--text', TEXT], { WAGEWATCH_FROM_SOURCE: '1' });
    const fromBundle = await runNodeScript(join(outdir, 'main.js'), ['classify', '--text', TEXT], {});
    expect(fromSource).toMatchObject({ code: 0, stderr: '' });
    expect(fromBundle).toEqual(fromSource);
    expect(JSON.parse(fromBundle.stdout)).toMatchObject({ lead: true, town: '河口镇', workers: 30 });

    // The HTML report is a chunk of its own, loaded on the first report (echarts with it).
    expect((await readdir(join(outdir, 'chunks'))).some((name) => name.startsWith('render-html-'))).toBe(
      true,
    );
    const dataDir = await tempDir();
    const report = await runNodeScript(join(outdir, 'main.js'), ['report', 'weekly', '--format', 'html'], {
      WAGEWATCH_DATA_DIR: dataDir,
    });
    expect(report, report.stderr).toMatchObject({ code: 0, stderr: '' });
    const [file] = await readdir(join(dataDir, 'reports'));
    expect(file).toMatch(/^周调度_.*\.html$/);
  }, 120_000);

  it('runs the evidence writer thread from the bundle (dist/evidence-thread.js)', async () => {
    const probeDir = join(projectRoot(), 'node_modules', '.cache', 'wagewatch-test', 'evidence-probe');
    await bundle('test/helpers/evidence-thread-probe.ts', probeDir);
    expect(await readdir(probeDir)).toContain('evidence-thread.js');
    const run = await runNodeScript(join(probeDir, 'main.js'), [await tempDir()], {});
    expect(run, run.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ body: '<p>讨薪帖原貌</p>' });
  }, 120_000);
});
