import type ExcelJS from 'exceljs';
import { loadExcelJs } from './load-exceljs.ts';
import { type Cell, type CellFormat, formatCell, type ReportTable } from './render-cells.ts';
import { LEVEL_COLOURS } from './render-format.ts';
import { reportTables } from './render-tables.ts';
import type { ReportData } from './report-model.ts';

/**
 * The report as a workbook, one sheet per table, the same rows and values as the HTML. Numbers
 * are stored as numbers; their number formats show them as the bulletin does (↑12, 85.5).
 */

const NUMBER_FORMATS: Readonly<Record<Exclude<CellFormat, 'text' | 'amount'>, string>> = {
  count: '#,##0',
  rate: '0.0',
  change: '"↑"#,##0;"↓"#,##0;"持平"',
  'rate-change': '"↑"0.0;"↓"0.0;"持平"',
};

function numberFormat(cell: Cell): string | undefined {
  if (typeof cell.value !== 'number' || cell.format === 'text') return undefined;
  if (cell.format === 'amount') return Number.isInteger(cell.value) ? '#,##0' : '#,##0.00';
  if (cell.format === 'change' && !Number.isInteger(cell.value)) return '"↑"#,##0.00;"↓"#,##0.00;"持平"';
  return NUMBER_FORMATS[cell.format];
}

/** Width in Excel's character units: a Chinese character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return width;
}

function columnWidth(table: ReportTable, index: number): number {
  const texts = [table.columns[index]!.header, ...table.rows.map((row) => formatCell(row.cells[index]!))];
  return Math.min(60, Math.max(8, ...texts.map(displayWidth)) + 2);
}

function writeCell(target: ExcelJS.Cell, cell: Cell): void {
  target.value = cell.value;
  const format = numberFormat(cell);
  if (format) target.numFmt = format;
  if (cell.level) {
    const colour = LEVEL_COLOURS[cell.level];
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour.fill.slice(1)}` } };
    target.font = { bold: true, color: { argb: `FF${colour.text.slice(1)}` } };
  }
  if (cell.format === 'text') target.alignment = { vertical: 'top', wrapText: true };
}

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column, i) => ({ header: column.header, width: columnWidth(table, i) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { horizontal: 'center', vertical: 'middle' };
  for (const row of table.rows) {
    const added = sheet.addRow([]);
    row.cells.forEach((cell, i) => {
      writeCell(added.getCell(i + 1), cell);
    });
    if (row.candidate) added.font = { bold: true, color: { argb: 'FFB71C1C' } };
  }
}

/** One sheet per table: 总体情况, 分乡镇, 分部门, 分行业, 超期未办结, 回头看, 网络舆情, 每日趋势, 清零燃尽. */
export async function renderReportXlsx(data: ReportData): Promise<Buffer> {
  return renderTablesXlsx(Object.values(reportTables(data)), { creator: data.issuer, title: data.title });
}

/** Any tables as a workbook, one sheet each, formatted as the reports are (the ledger export too). */
export async function renderTablesXlsx(
  tables: readonly ReportTable[],
  meta: { creator: string; title: string },
): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = meta.creator;
  workbook.title = meta.title;
  for (const table of tables) addSheet(workbook, table);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
