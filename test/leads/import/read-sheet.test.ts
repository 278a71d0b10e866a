import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_MAPPING } from '../../../src/leads/import/column-mapping.ts';
import { readLeadSheet } from '../../../src/leads/import/read-sheet.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const HEADER = [
  '序号',
  '线索编号',
  '反映时间',
  '反映人',
  '联系电话',
  '身份证号',
  '被反映单位',
  '项目名称',
  '行业领域',
  '欠薪金额（元）',
  '涉及人数',
  '欠薪起止时间',
  '所在地区',
  '反映内容',
  '办理时限',
  '备注',
];

/** A township's lead sheet as clerks fill it: title and unit banners, merges, totals, sign-off. */
async function writeTownshipSheet(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('填表说明').getCell('A1').value = '请按表头填写，金额单位为元。';
  const sheet = workbook.addWorksheet('线索台账');
  sheet.mergeCells('A1:P1');
  sheet.getCell('A1').value = '城关镇欠薪线索台账';
  sheet.mergeCells('A2:P2');
  sheet.getCell('A2').value = '填报单位：城关镇人社所        填报日期：2026年11月22日';
  sheet.getRow(3).values = HEADER;
  sheet.getCell('N3').value = '反映\n内容';
  const row = (n: number, values: Record<string, ExcelJS.CellValue>) => {
    for (const [column, value] of Object.entries(values)) sheet.getCell(`${column}${n}`).value = value;
  };
  row(4, {
    A: 1,
    B: 'CG-2026-001',
    C: new Date(Date.UTC(2026, 10, 20, 14, 30)),
    D: { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
    E: '138 0013 8000',
    F: '410102199003071257',
    G: '河南某建设工程有限公司',
    H: { text: '城南安置房项目', hyperlink: 'https://example.org/project/1' },
    I: '建筑',
    J: 125000,
    K: '15人',
    L: '2025-10-01至2026-01-15',
    M: '城关镇',
    N: '工人反映：\n2025年10月起工资未结清。',
    O: new Date(Date.UTC(2026, 10, 27)),
  });
  sheet.getCell('C4').numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getCell('O4').numFmt = 'yyyy-mm-dd';
  // One project over two workers' rows.
  sheet.mergeCells('H4:H5');
  row(5, { A: 2, B: 20261121, C: '2026/11/21', D: '李四', E: '0371-12345678', G: '某劳务公司' });
  row(5, { J: '12.5万元', K: '二十人', L: '2025.10-2026.1', N: '班组20人工资未付', O: '2026年11月28日前' });
  // Row 6 stays empty.
  row(7, { A: 3, B: 'CG-2026-003', C: '昨天', E: '1380013800', F: 410102199003071230, J: '很多', N: '欠薪' });
  row(8, { A: 4, B: 'CG-2026-004', D: '王五', N: '\u3000' });
  row(9, { A: 5, B: 'CG-2026-001', N: '重复登记' });
  row(10, { A: 6, B: 'CG-2026-006', J: { formula: '1/0', result: { error: '#DIV/0!' } }, N: '公式出错' });
  row(10, { L: '2026-01-15至2025-10-01' });
  row(11, { A: 7, B: 'CG-2026-007', G: '某'.repeat(201), K: 0, N: '单位名称过长' });
  // The template numbers rows beyond the last lead.
  row(12, { A: 8 });
  row(13, {
    A: '合计',
    J: { formula: 'SUM(J4:J11)', result: 250000 },
    K: { formula: 'SUM(K4:K11)', result: 35 },
  });
  sheet.mergeCells('A14:P14');
  sheet.getCell('A14').value = '填报人：赵六        审核人：钱七';
  await workbook.xlsx.writeFile(file);
}

describe('reading a township xlsx', () => {
  it('keeps the good rows and reports every bad column by row', async () => {
    const file = join(await tempDir(), '城关镇台账.xlsx');
    await writeTownshipSheet(file);
    const sheet = await readLeadSheet(file, DEFAULT_IMPORT_MAPPING);

    expect(sheet.sheet).toBe('线索台账');
    expect(sheet.header_row).toBe(3);
    expect(sheet.items).toEqual([
      {
        row: 4,
        item: {
          external_id: 'CG-2026-001',
          received_at: '2026-11-20T14:30:00+08:00',
          complainant: { name: '张三', phone: '13800138000', id_number: '410102199003071257' },
          company: '河南某建设工程有限公司',
          project: '城南安置房项目',
          industry_text: '建筑',
          amount_yuan: 125000,
          workers: 15,
          owed_from: '2025-10-01',
          owed_to: '2026-01-15',
          region: '城关镇',
          description: '工人反映：\n2025年10月起工资未结清。',
          due_by: '2026-11-27',
        },
      },
      {
        row: 5,
        item: {
          external_id: '20261121',
          received_at: '2026-11-21T00:00:00+08:00',
          complainant: { name: '李四', phone: '0371-12345678' },
          company: '某劳务公司',
          project: '城南安置房项目',
          amount_yuan: 125000,
          workers: 20,
          owed_from: '2025-10-01',
          owed_to: '2026-01-31',
          description: '班组20人工资未付',
          due_by: '2026-11-28',
        },
      },
    ]);
    expect(sheet.rejected).toEqual([
      { row: 7, column: '反映时间', reason: '反映时间不是可识别的日期：“昨天”' },
      {
        row: 7,
        column: '联系电话',
        reason: '联系电话格式不正确，应为11位手机号或带区号的固定电话（如0371-12345678）',
      },
      { row: 7, column: '身份证号', reason: '身份证号被存为数字，末几位已丢失，请将该列设为文本后重新导出' },
      { row: 7, column: '欠薪金额（元）', reason: '欠薪金额无法识别：“很多”' },
      { row: 8, column: '反映内容', reason: '反映内容不能为空' },
      { row: 9, column: '线索编号', reason: '与第4行线索编号重复' },
      { row: 10, column: '欠薪金额（元）', reason: '单元格是错误值 #DIV/0!，请检查公式' },
      { row: 10, column: '欠薪起止时间', reason: '欠薪起止时间的开始晚于结束：“2026-01-15至2025-10-01”' },
      { row: 11, column: '被反映单位', reason: '被反映单位超过200字' },
      { row: 11, column: '涉及人数', reason: '涉及人数不能小于1' },
    ]);
  });

  it('reads the configured sheet, by name or position, and names the sheets when it is missing', async () => {
    const file = join(await tempDir(), '城关镇台账.xlsx');
    await writeTownshipSheet(file);
    const byIndex = await readLeadSheet(file, { ...DEFAULT_IMPORT_MAPPING, sheet: 2 });
    expect(byIndex.items.map(({ row }) => row)).toEqual([4, 5]);
    await expect(readLeadSheet(file, { ...DEFAULT_IMPORT_MAPPING, sheet: '汇总' })).rejects.toMatchObject({
      code: 'lead_sheet_sheet',
      message: `城关镇台账.xlsx：找不到工作表“汇总”，文件中的工作表有：“填表说明”、“线索台账”`,
    });
  });

  it('does not look for the header below header_row_max', async () => {
    const file = join(await tempDir(), '城关镇台账.xlsx');
    await writeTownshipSheet(file);
    await expect(readLeadSheet(file, { ...DEFAULT_IMPORT_MAPPING, header_row_max: 2 })).rejects.toMatchObject(
      {
        code: 'lead_sheet_header',
      },
    );
  });

  it('refuses a sheet without a header, naming the file and the headers it looked for', async () => {
    const file = join(await tempDir(), 'upload-7f3a');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRows([['城关镇欠薪线索汇总'], ['张三', '13800138000', '工资未付']]);
    await workbook.xlsx.writeFile(file);
    await expect(readLeadSheet(file, DEFAULT_IMPORT_MAPPING, { source: '汇总.xlsx' })).rejects.toMatchObject({
      name: 'LeadSheetError',
      code: 'lead_sheet_header',
      message:
        '汇总.xlsx：在前10行中没有找到表头。必需的列：线索编号（可用列名：线索编号、编号、工单号）；' +
        '反映内容（可用列名：反映内容、诉求内容、问题描述）；可识别的其他列如：反映时间、反映人、联系电话、' +
        '身份证号、被反映单位、项目名称、行业领域、欠薪金额、涉及人数、欠薪起止时间、欠薪开始时间、' +
        '欠薪结束时间、所在地区、地址、办理时限',
    });
  });

  it('refuses a header without a required column', async () => {
    const file = join(await tempDir(), '缺列.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRows([
      ['线索编号', '反映人', '联系电话'],
      ['A-1', '张三', '13800138000'],
    ]);
    await workbook.xlsx.writeFile(file);
    await expect(readLeadSheet(file, DEFAULT_IMPORT_MAPPING, { source: '缺列.xlsx' })).rejects.toMatchObject({
      code: 'lead_sheet_columns',
      message:
        '缺列.xlsx：工作表“Sheet1”第1行的表头缺少必需的列：反映内容（可用列名：反映内容、诉求内容、问题描述）',
    });
  });
});
