import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_MAPPING } from '../../../src/leads/import/column-mapping.ts';
import { readLeadSheet } from '../../../src/leads/import/read-sheet.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

async function write(name: string, bytes: string | Uint8Array): Promise<string> {
  const file = join(await tempDir(), name);
  await writeFile(file, bytes);
  return file;
}

const XLS_REFUSAL =
  '：不支持旧版 Excel（.xls）文件，请用 Excel 或 WPS 打开后“另存为”.xlsx 格式再导入（如设有打开密码，请先取消密码）';

describe('reading a platform csv', () => {
  it('reads UTF-8 with a BOM, a 万元 header, quoted line breaks and an empty line', async () => {
    const csv = [
      '线索编号,反映人,联系电话,欠薪金额（万元）,涉及人数,欠薪开始时间,欠薪结束时间,诉求内容,处理状态',
      'PT-0001,张三,13800138000,12.5,15,2025/10/1,2026/1/15,"工人反映：',
      '工资拖欠三个月",已受理',
      '',
      'PT-0002,李四,0371-1234567,3000元,3,2026/1/15,2025/10/1,欠薪,已受理',
      'PT-0003,,,,,,,   ,已受理',
      '合计,,,15.8,18,,,,',
      '',
    ].join('\r\n');
    const file = await write('platform.csv', `\uFEFF${csv}`);
    const sheet = await readLeadSheet(file, DEFAULT_IMPORT_MAPPING);

    expect(sheet).toEqual({
      sheet: 'platform.csv',
      header_row: 1,
      items: [
        {
          row: 2,
          item: {
            external_id: 'PT-0001',
            complainant: { name: '张三', phone: '13800138000' },
            amount_yuan: 125_000,
            workers: 15,
            owed_from: '2025-10-01',
            owed_to: '2026-01-15',
            description: '工人反映：\n工资拖欠三个月',
          },
        },
      ],
      rejected: [
        { row: 4, column: '欠薪结束时间', reason: '欠薪开始时间晚于结束时间' },
        { row: 5, column: '诉求内容', reason: '反映内容不能为空' },
      ],
    });
  });

  it('reads a GBK export with a title row, under the name the clerk uploaded', async () => {
    const csv = [
      '12345热线工单导出,,,',
      '工单号,登记时间,用人单位,问题描述',
      '202611200001,2026-11-20 09:15,某建筑公司,反映某工地拖欠农民工工资',
      '202611200002,2026年11月20日,某餐饮店,反映拖欠服务员工资两个月',
    ].join('\r\n');
    const file = await write('upload-1a2b', iconv.encode(csv, 'gbk'));
    const sheet = await readLeadSheet(file, DEFAULT_IMPORT_MAPPING, { source: '/uploads/12345导出.csv' });

    expect(sheet).toEqual({
      sheet: '12345导出.csv',
      header_row: 2,
      items: [
        {
          row: 3,
          item: {
            external_id: '202611200001',
            received_at: '2026-11-20T09:15:00+08:00',
            complainant: {},
            company: '某建筑公司',
            description: '反映某工地拖欠农民工工资',
          },
        },
        {
          row: 4,
          item: {
            external_id: '202611200002',
            received_at: '2026-11-20T00:00:00+08:00',
            complainant: {},
            company: '某餐饮店',
            description: '反映拖欠服务员工资两个月',
          },
        },
      ],
      rejected: [],
    });
  });

  it('reads a tab-separated export without a BOM', async () => {
    const file = await write('export.txt', '编号\t反映内容\nA-1\t工资未付, 已三个月\n');
    const sheet = await readLeadSheet(file, DEFAULT_IMPORT_MAPPING);
    expect(sheet.items).toEqual([
      { row: 2, item: { external_id: 'A-1', complainant: {}, description: '工资未付, 已三个月' } },
    ]);
  });
});

describe('files that cannot be imported', () => {
  it('refuses an old binary .xls', async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const file = await write('台账.xls', ole);
    await expect(readLeadSheet(file, DEFAULT_IMPORT_MAPPING, { source: '台账.xls' })).rejects.toMatchObject({
      code: 'lead_sheet_format',
      message: `台账.xls${XLS_REFUSAL}`,
    });
  });

  it('refuses an HTML table saved as .xls, and says so even under another name', async () => {
    const file = await write('export.xls', '<html><table><tr><td>线索编号</td></tr></table></html>');
    await expect(readLeadSheet(file, DEFAULT_IMPORT_MAPPING)).rejects.toMatchObject({
      code: 'lead_sheet_format',
      message: `export.xls${XLS_REFUSAL}`,
    });
  });

  it('refuses a damaged .xlsx and an unknown type', async () => {
    const damaged = await write('台账.xlsx', 'PK\u0003\u0004 not really a zip');
    await expect(readLeadSheet(damaged, DEFAULT_IMPORT_MAPPING)).rejects.toMatchObject({
      code: 'lead_sheet_unreadable',
      message: '台账.xlsx：无法打开，文件已损坏或不是真正的 .xlsx 文件',
    });
    const pdf = await write('台账.pdf', '%PDF-1.7');
    await expect(readLeadSheet(pdf, DEFAULT_IMPORT_MAPPING)).rejects.toMatchObject({
      code: 'lead_sheet_format',
      message: '台账.pdf：不支持的文件类型，请导入 .xlsx 或 .csv 文件',
    });
  });
});
