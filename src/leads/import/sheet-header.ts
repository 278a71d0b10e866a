import {
  headerAmountScale,
  headerKey,
  IMPORT_FIELDS,
  type ImportColumns,
  type ImportField,
  type ImportMapping,
  REQUIRED_IMPORT_FIELDS,
} from './column-mapping.ts';
import { LeadSheetError } from './lead-sheet-error.ts';
import type { SheetCell, SheetTable } from './sheet-tables.ts';

/** One sheet column recognized as one import field. */
export interface ColumnBinding {
  field: ImportField;
  /** 0-based column index into `SheetRow.cells`. */
  index: number;
  /** The header as the sheet writes it, for reasons the clerk can find. */
  header: string;
  /** 10000 under a header such as 欠薪金额（万元）, else 1. */
  amountScale: number;
}

export interface HeaderMatch {
  table: SheetTable;
  row: number;
  columns: ColumnBinding[];
}

/** Fewer recognized columns than this is a title or a note, not a header. */
const MIN_HEADER_FIELDS = 2;

/** The columns of one row that name an import field; columns nobody maps are left out. */
export function matchHeaderRow(cells: readonly SheetCell[], columns: ImportColumns): ColumnBinding[] {
  const fieldByKey = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) {
    for (const text of columns[field] ?? []) fieldByKey.set(headerKey(text), field);
  }
  const bindings: ColumnBinding[] = [];
  cells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const field = fieldByKey.get(headerKey(cell));
    if (field)
      bindings.push({ field, index, header: cell.replace(/\s+/g, ''), amountScale: headerAmountScale(cell) });
  });
  return bindings;
}

/**
 * The sheet and header row to import: the configured sheet, else the first visible sheet whose
 * header has the required columns. Throws a LeadSheetError naming what was looked for.
 */
export function locateHeader(tables: SheetTable[], mapping: ImportMapping, fileName: string): HeaderMatch {
  const candidates =
    mapping.sheet === undefined || tables[0]?.format === 'csv'
      ? tables.filter((table) => !table.hidden)
      : [pickSheet(tables, mapping.sheet, fileName)];
  let partial: HeaderMatch | null = null;
  for (const table of candidates) {
    const found = bestHeaderRow(table, mapping);
    if (found && missingFields(found).length === 0) return found;
    partial ??= found;
  }
  if (partial) {
    const missing = missingFields(partial).map((field) => describeField(mapping.columns, field));
    throw new LeadSheetError(
      'lead_sheet_columns',
      `${fileName}：工作表“${partial.table.name}”第${partial.row}行的表头缺少必需的列：${missing.join('；')}`,
    );
  }
  const optional = IMPORT_FIELDS.filter((f) => !(REQUIRED_IMPORT_FIELDS as readonly string[]).includes(f))
    .map((field) => mapping.columns[field]?.[0])
    .filter((text) => text !== undefined);
  throw new LeadSheetError(
    'lead_sheet_header',
    `${fileName}：在前${mapping.header_row_max}行中没有找到表头。必需的列：${REQUIRED_IMPORT_FIELDS.map((f) => describeField(mapping.columns, f)).join('；')}；可识别的其他列如：${optional.join('、')}`,
  );
}

function bestHeaderRow(table: SheetTable, mapping: ImportMapping): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  let bestCount = MIN_HEADER_FIELDS - 1;
  for (const { row, cells } of table.rows) {
    if (row > mapping.header_row_max) break;
    const columns = matchHeaderRow(cells, mapping.columns);
    const count = new Set(columns.map((column) => column.field)).size;
    if (count > bestCount) {
      best = { table, row, columns };
      bestCount = count;
    }
  }
  return best;
}

function missingFields(match: HeaderMatch): ImportField[] {
  return REQUIRED_IMPORT_FIELDS.filter((field) => !match.columns.some((column) => column.field === field));
}

/** 线索编号（可用列名：线索编号、编号、工单号） */
function describeField(columns: ImportColumns, field: ImportField): string {
  const texts = columns[field] ?? [];
  return `${texts[0] ?? field}（可用列名：${texts.join('、')}）`;
}

function pickSheet(tables: SheetTable[], sheet: string | number, fileName: string): SheetTable {
  const found =
    typeof sheet === 'number'
      ? tables[sheet - 1]
      : tables.find((table) => table.name.trim() === sheet.trim());
  if (found) return found;
  const wanted = typeof sheet === 'number' ? `第${sheet}个工作表` : `工作表“${sheet}”`;
  const names = tables.map((table) => `“${table.name}”`).join('、');
  throw new LeadSheetError('lead_sheet_sheet', `${fileName}：找不到${wanted}，文件中的工作表有：${names}`);
}
