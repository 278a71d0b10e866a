import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** A township ledger as clerks send it: a title row, then the header, then the leads. */
async function townshipSheet(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('欠薪线索台账');
  sheet.addRow(['河口镇欠薪线索排查台账（2026年11月）']);
  sheet.mergeCells('A1:H1');
  sheet.addRow([
    '线索编号',
    '反映人',
    '联系电话',
    '被反映单位',
    '项目名称',
    '欠薪金额（元）',
    '涉及人数',
    '反映内容',
  ]);
  sheet.addRow([
    'HK-001',
    '王建国',
    '13812345678',
    '青禾鑫达建设工程有限公司',
    '河口镇安置房项目',
    '48万',
    '32人',
    '32名农民工反映安置房项目工资未结清。',
  ]);
  sheet.addRow([
    'HK-002',
    '陈梅',
    '1381234',
    '青禾恒泰劳务有限公司',
    '',
    '3,000',
    '1',
    '保洁员反映两个月工资未发。',
  ]);
  sheet.addRow([
    'HK-003',
    '李四',
    '13900002222',
    '青禾鑫达建设有限公司',
    '',
    '五十万',
    '35',
    '安置房项目的农民工再次反映欠薪。',
  ]);
  sheet.addRow(['HK-004', '赵六', '13900003333', '青禾远航物流有限公司', '', '12000', '', '']);
  sheet.addRow(['合计', '', '', '', '', '98.3万', '68', '']);
  await book.xlsx.writeFile(file);
}

describe('wagewatch import leads', () => {
  it('imports the good rows, reports each bad one by row and column, and a re-import changes nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, '河口镇台账.xlsx');
    await townshipSheet(file);
    const env = { WAGEWATCH_DATA_DIR: join(dir, 'data') };
    const first = await runCli(['import', 'leads', file, '--source', 'township-sheet', '--json'], env);
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout);
    // HK-003 names the same company (another spelling) in the same window: one case, 多头反映.
    expect(report).toMatchObject({ imported: 1, merged: 1, unchanged: 0 });
    expect(report.rejected).toEqual([
      { row: 4, column: '联系电话', reason: expect.stringContaining('手机') },
      { row: 6, column: '反映内容', reason: expect.any(String) },
    ]);
    const again = JSON.parse(
      (await runCli(['import', 'leads', file, '--source', 'township-sheet', '--json'], env)).stdout,
    );
    expect(again).toMatchObject({ imported: 0, merged: 0, unchanged: 2 });

    const list = await runCli(['leads'], env);
    expect(list.stdout).toContain('多头反映 ×2');
    expect(list.stdout).toContain('500000 元');
    expect(list.stdout).not.toContain('13812345678');
    const id = list.stdout.match(/(XS-\d{8}-[0-9a-f]{6})/)?.[1] as string;
    const shown = JSON.parse((await runCli(['leads', 'show', id, '--json'], env)).stdout);
    expect(shown.complainants.map((c: { phone: string }) => c.phone)).toEqual(['138****5678', '139****2222']);
    const unmasked = await runCli(
      ['leads', 'show', id, '--json', '--unmask', '--by', '刘科长', '--reason', '电话回访'],
      env,
    );
    expect(JSON.parse(unmasked.stdout).complainants[0].phone).toBe('13812345678');

    const clearance = JSON.parse((await runCli(['leads', 'clearance', '--json'], env)).stdout);
    expect(clearance.totals).toMatchObject({ leads: 1, open: 1, cleared: 0 });
    expect(clearance.by_town).toEqual([expect.objectContaining({ unit: '河口镇', open: 1 })]);
    expect((await runCli(['leads', 'clearance'], env)).stdout).toContain('分乡镇：');

    const unknown = await runCli(['import', 'leads', file, '--source', 'nowhere'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知来源“nowhere”');
  }, 60_000);
  it('splits a wrong merge apart and merges it back by hand, each audited and counted once', async () => {
    const dir = await tempDir();
    const file = join(dir, '河口镇台账.xlsx');
    await townshipSheet(file);
    const env = { WAGEWATCH_DATA_DIR: join(dir, 'data') };
    await runCli(['import', 'leads', file, '--source', 'township-sheet', '--json'], env);
    const id = (await runCli(['leads'], env)).stdout.match(/(XS-\d{8}-[0-9a-f]{6})/)?.[1] as string;
    const hr = ['--by', '刘科长', '--role', 'hr'];
    const split = await runCli(
      ['leads', 'split', id, '--reports', 'township-sheet:HK-003', ...hr, '--reason', '核对后不是同一案'],
      env,
    );
    expect(split.code, split.stderr).toBe(0);
    const splitOff = split.stdout.match(new RegExp(`(${id}-S[0-9a-f]{4})`))?.[1] as string;
    const merged = await runCli(
      ['leads', 'merge', id, '--merge', splitOff, ...hr, '--reason', '复核确为同一案'],
      env,
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain(`已并入 ${id}`);
    expect(JSON.parse((await runCli(['leads', 'clearance', '--json'], env)).stdout).totals.leads).toBe(1);
  }, 90_000);
});
