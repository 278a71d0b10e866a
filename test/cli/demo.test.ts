import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

function summaryOf(stdout: string) {
  const match = stdout.match(/^summary: collected=(\d+) classified=(\d+) stored=(\d+) alerts=(\d+)$/m);
  if (!match) throw new Error(`no summary line in:\n${stdout}`);
  const [collected, classified, stored, alerts] = match.slice(1).map(Number);
  return { collected, classified, stored, alerts };
}

describe('wagewatch demo', () => {
  it('runs the pipeline on loopback with its own Redis, and a rerun on the same data adds nothing', async () => {
    const dataDir = await tempDir();
    const args = [
      'demo',
      '--duration',
      '6',
      '--posts',
      '60',
      '--backlog',
      '50',
      '--rate',
      '5',
      '--data-dir',
      dataDir,
    ];
    const first = await runCli(args, {}, 90_000);
    expect(first.code, first.stderr).toBe(0);
    const counts = summaryOf(first.stdout);
    expect(counts.collected).toBe(60);
    expect(counts.classified).toBe(60);
    expect(counts.stored).toBe(60);
    expect(counts.alerts).toBeGreaterThan(0);
    expect(counts.alerts).toBeLessThan(counts.collected as number);
    expect(first.stdout).toMatch(/【(红|橙|黄)色预警·新预警】/);
    // Each event raised is one message; a rise in level is another.
    const webhook = first.stdout.match(/值班 webhook 收到 (\d+) 条预警（签名有效 (\d+) 条）/);
    expect(Number(webhook?.[1])).toBeGreaterThanOrEqual(counts.alerts as number);
    expect(webhook?.[2]).toBe(webhook?.[1]);

    const second = await runCli(args, {}, 90_000);
    expect(second.code, second.stderr).toBe(0);
    expect(summaryOf(second.stdout)).toEqual({ collected: 0, classified: 0, stored: 0, alerts: 0 });
  });

  it('rejects a bad flag with exit code 2', async () => {
    const run = await runCli(['demo', '--duration', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--duration must be a number');
  });
});
