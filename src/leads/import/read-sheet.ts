import { basename } from 'node:path';
import type { IntakeItem } from '../intake-item.ts';
import { cellText } from './cell-values.ts';
import type { ImportMapping } from './column-mapping.ts';
import { isEmpty, isErrorCell, rowToItem } from './row-to-item.ts';
import { type ColumnBinding, locateHeader } from './sheet-header.ts';
import { readSheetTables, type SheetRow } from './sheet-tables.ts';

export interface ReadLeadSheetOptions {
  /**
   * The name the clerk knows the file by (an upload's original name), for its extension and for
   * messages; defaults to `file`. Messages carry its base name only.
   */
  source?: string;
}

export interface RejectedRow {
  /** The sheet's own 1-based row number. */
  row: number;
  /** The column's header as the sheet writes it. */
  column: string;
  reason: string;
}

export interface LeadSheet {
  items: { row: number; item: IntakeItem }[];
  /** One entry per bad column of a bad row, in row then column order. */
  rejected: RejectedRow[];
  sheet: string;
  header_row: number;
}

/** Rows that close a sheet or a section (合计, 小计) are not leads. */
const TOTAL_TEXT = /^(?:合计|总计|小计|共计)[:：]?$/;
/** Sign-off lines under the table: 填报人：…, 注：…, 审核人：… */
const FOOTER_TEXT = /^(?:注|备注|说明|填表|填报|制表|审核|负责人|联系人)/;

/**
 * A township's or platform's lead sheet (.xlsx or .csv) as IntakeItems. Good rows are kept, bad
 * ones reported by row, column and reason; a file that cannot be read at all (old .xls, no header,
 * no 线索编号 or 反映内容 column) throws a LeadSheetError.
 */
export async function readLeadSheet(
  file: string,
  mapping: ImportMapping,
  options: ReadLeadSheetOptions = {},
): Promise<LeadSheet> {
  const source = options.source ?? file;
  const tables = await readSheetTables(file, source);
  // Messages name the file as the clerk knows it, never the server's path.
  const header = locateHeader(tables, mapping, basename(source));
  const idColumns = header.columns.filter((column) => column.field === 'external_id');
  const items: LeadSheet['items'] = [];
  const rejected: RejectedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of header.table.rows) {
    if (row.row <= header.row || isSkipped(row, header.columns, idColumns)) continue;
    const { externalId, item, problems } = rowToItem(row.cells, header.columns);
    const first = externalId === null ? undefined : firstRowOf.get(externalId);
    if (first !== undefined) {
      const column = idColumns[0]!;
      problems.unshift({ index: column.index, column: column.header, reason: `与第${first}行线索编号重复` });
    } else if (externalId !== null) firstRowOf.set(externalId, row.row);
    if (item && problems.length === 0) items.push({ row: row.row, item });
    else rejected.push(...problems.map(({ column, reason }) => ({ row: row.row, column, reason })));
  }
  return { items, rejected, sheet: header.table.name, header_row: header.row };
}

/**
 * Rows that are not leads and not mistakes: nothing in any recognized column (templates come with
 * 序号 numbered far below the last lead), totals, sign-off lines, a header repeated on a later page.
 */
function isSkipped(row: SheetRow, columns: ColumnBinding[], idColumns: ColumnBinding[]): boolean {
  if (columns.every((column) => isEmpty(row.cells[column.index]))) return true;
  const texts = new Set<string>();
  for (const cell of row.cells) {
    const text = isErrorCell(cell) ? cell.error : cellText(cell);
    if (text !== null) texts.add(text.replace(/\s+/g, ''));
  }
  const ids = idColumns
    .map((column) => row.cells[column.index])
    .map((cell) => (isErrorCell(cell) ? null : cellText(cell)));
  if (ids.some((id, i) => id !== null && id.replace(/\s+/g, '') === idColumns[i]!.header)) return true;
  const idEmpty = ids.every((id) => id === null || TOTAL_TEXT.test(id.replace(/\s+/g, '')));
  if (idEmpty && [...texts].some((text) => TOTAL_TEXT.test(text))) return true;
  // A sign-off line is usually merged across the table, so every cell, 线索编号's too, holds it.
  return texts.size === 1 && FOOTER_TEXT.test([...texts][0]!);
}
