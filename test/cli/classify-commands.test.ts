import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { runCli } from '../helpers/run-cli.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('wagewatch classify', () => {
  it('prints one classification for --text', async () => {
    const run = await runCli([
      'classify',
      '--text',
      '我们12个人在河口镇工地干了8个月，包工头欠我们工资20万元跑路了',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      lead: true,
      risks: ['criminal'],
      amount_yuan: 200_000,
      workers: 12,
      town: '河口镇',
    });
  });

  it('classifies a JSON Lines file, reporting a bad line by number and going on', async () => {
    const file = join(await tempDir(), 'in.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ id: 'a', text: '老板拖欠我三个月工资一万二，求助' }),
        '{not json',
        JSON.stringify({ id: 'b' }),
        '',
        JSON.stringify({ id: 7, title: '通知', text: '县人社局召开根治欠薪冬季专项行动部署会' }),
      ].join('\n'),
    );
    const run = await runCli(['classify', '--jsonl', file]);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', lead: true, amount_yuan: 12_000 });
    expect(lines[1]).toMatchObject({ line: 2, error: expect.stringContaining('not JSON') });
    expect(lines[2]).toMatchObject({ line: 3, error: expect.stringContaining('text') });
    expect(lines[3]).toMatchObject({ id: 7, lead: false });
    expect(run.stderr).toContain('2 行有误');
  });
});

describe('wagewatch eval', () => {
  it('scores labelled texts and names the misclassified ids', async () => {
    const file = join(await tempDir(), 'labelled.jsonl');
    await writeFile(
      file,
      [
        {
          id: 'x1',
          text: '工人爬上塔吊讨薪，说包工头欠了他三万块',
          label_lead: true,
          risk: ['extreme'],
          amount_yuan: 30000,
        },
        { id: 'x2', text: '律师提醒：遇到欠薪怎么办？可以向劳动监察部门投诉', label_lead: false },
        { id: 'x3', text: '今天天气晴', label_lead: true },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const run = await runCli(['eval', file, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.lead).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(report.risks.extreme).toMatchObject({ tp: 1 });
    expect(report.amount_within_5pct).toMatchObject({ correct: 1, total: 1 });
    expect(report.misclassified.lead).toEqual(['x3']);
  });
});

describe('wagewatch rules test', () => {
  it('shows what the rules on disk would change in the stored posts', async () => {
    const dataDir = await tempDir();
    const store = createEmbeddedStore({
      file: join(dataDir, 'wagewatch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    // Stored by older rules: one lead they missed, one they called a lead wrongly, one unchanged.
    await store.upsertPosts([
      stored(
        samplePost('missed', '包工头跑路了，欠我们十二个人工资二十万，求扩散'),
        sampleClassification({ level: 'none' }),
      ),
      stored(
        samplePost('wrong', '县人社局召开根治欠薪冬季专项行动部署会'),
        sampleClassification({ lead: true, level: 'yellow' }),
      ),
      stored(samplePost('same', '今天天气晴'), sampleClassification({ level: 'none' })),
    ]);
    await store.close();
    const run = await runCli(['rules', 'test', '--json'], { WAGEWATCH_DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.scanned).toBe(3);
    expect(report.newLeads.map((c: { id: string }) => c.id)).toEqual(['forum:missed']);
    expect(report.lostLeads.map((c: { id: string }) => c.id)).toEqual(['forum:wrong']);
    expect(report.unchanged).toBe(1);
  });

  it('refuses a broken candidate rule set, naming the problem', async () => {
    const run = await runCli(['rules', 'test', '--candidate', '/nonexistent-config-dir'], {
      WAGEWATCH_DATA_DIR: await tempDir(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('候选规则有误');
  });
});
