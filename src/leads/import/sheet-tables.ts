import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { errorMessage } from '../../errors.ts';
import { loadExcelJs } from '../../reports/load-exceljs.ts';
import { LeadSheetError } from './lead-sheet-error.ts';

/**
 * The file layer of the import: .xlsx and .csv become plain tables of cells with the sheet's own
 * row numbers. Nothing here knows what a lead is.
 */

/** A cell with exceljs's wrappers removed: rich text joined, formulas as their cached result. */
export type SheetCell = string | number | boolean | Date | null | { error: string };

export interface SheetRow {
  /** 1-based, as Excel shows it. */
  row: number;
  /** Index 0 is column A. */
  cells: SheetCell[];
}

export interface SheetTable {
  name: string;
  format: 'xlsx' | 'csv';
  /** 1-based position in the workbook. */
  index: number;
  hidden: boolean;
  rows: SheetRow[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: .xls, and also an .xlsx protected by a password to open. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Every sheet of an .xlsx, or the one table of a .csv; `source` is the name the clerk knows. */
export async function readSheetTables(file: string, source: string): Promise<SheetTable[]> {
  const bytes = await readFile(file);
  const extension = (extname(source) || extname(file)).toLowerCase();
  const name = basename(source);
  if (startsWith(bytes, ZIP_MAGIC)) return readWorkbook(bytes, name);
  // Platforms also export HTML tables named .xls; those are refused together with real .xls.
  if (startsWith(bytes, OLE_MAGIC) || extension === '.xls' || extension === '.et') {
    throw new LeadSheetError(
      'lead_sheet_format',
      `${name}：不支持旧版 Excel（.xls）文件，请用 Excel 或 WPS 打开后“另存为”.xlsx 格式再导入（如设有打开密码，请先取消密码）`,
    );
  }
  if (['.csv', '.txt', '.tsv'].includes(extension)) return [readCsv(bytes, name)];
  if (extension === '.xlsx') {
    throw new LeadSheetError('lead_sheet_unreadable', `${name}：无法打开，文件已损坏或不是真正的 .xlsx 文件`);
  }
  throw new LeadSheetError('lead_sheet_format', `${name}：不支持的文件类型，请导入 .xlsx 或 .csv 文件`);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

async function readWorkbook(bytes: Buffer, name: string): Promise<SheetTable[]> {
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // exceljs types declare their own `Buffer`; the Node one is what it reads at run time.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new LeadSheetError(
      'lead_sheet_unreadable',
      `${name}：无法打开，文件已损坏或不是真正的 .xlsx 文件`,
      {
        cause: error,
      },
    );
  }
  // The array can have holes where sheets were deleted.
  return workbook.worksheets.filter(Boolean).map((sheet, i) => ({
    name: sheet.name,
    format: 'xlsx' as const,
    index: i + 1,
    hidden: sheet.state !== 'visible',
    rows: worksheetRows(sheet),
  }));
}

function worksheetRows(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    // A merged range's other cells read as its top-left value, so a project name merged down
    // over several workers' rows reaches each of them.
    for (let column = 1; column <= row.cellCount; column++) cells.push(flatten(row.getCell(column).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function flatten(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  // A hyperlink's text is itself rich text when the link was styled.
  if ('hyperlink' in value) return flatten(value.text as ExcelJS.CellValue);
  if ('error' in value) return { error: value.error };
  return flatten(value.result ?? null);
}

function readCsv(bytes: Buffer, name: string): SheetTable {
  const text = decodeCsv(bytes);
  const head = text.slice(0, 4096);
  const tabs = head.split('\t').length;
  const commas = head.split(',').length;
  let records: string[][];
  try {
    // Empty lines are kept so that record numbers stay the row numbers Excel shows.
    records = parse(text, {
      delimiter: tabs > commas ? '\t' : ',',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw new LeadSheetError('lead_sheet_unreadable', `${name}：CSV 文件格式有误（${errorMessage(error)}）`, {
      cause: error,
    });
  }
  return {
    name,
    format: 'csv',
    index: 1,
    hidden: false,
    rows: records.map((cells, i) => ({ row: i + 1, cells })),
  };
}

/**
 * UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else GB18030: Excel on a
 * Chinese Windows saves CSV in GBK, which GB18030 contains.
 */
function decodeCsv(bytes: Buffer): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return bytes.subarray(3).toString('utf8');
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}
