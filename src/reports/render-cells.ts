import { formatChange, formatNumber, formatRate, type ReportLevel, round } from './render-format.ts';

/**
 * The cells and tables every renderer shares: a value kept as a number where it is one, and the
 * format that says how it is shown (the HTML and Markdown print `formatCell`, the XLSX a numFmt).
 */

/** How a cell is shown: `change` is the 变化 column (↑↓), `rate` has one decimal. */
export type CellFormat = 'text' | 'count' | 'amount' | 'rate' | 'change' | 'rate-change';

export interface Cell {
  value: string | number | null;
  format: CellFormat;
  /** An event's grade: the cell is shown in the grade's colour. */
  level?: ReportLevel;
}

export interface TableColumn {
  header: string;
  /** In the workbook only (the 口径 column: the HTML prints the definitions as notes). */
  sheetOnly?: boolean;
}

export interface TableRow {
  cells: Cell[];
  /** A 失信名单候选 in 回头看: the row is marked. */
  candidate?: boolean;
}

export interface ReportTable {
  /** The worksheet name (≤ 31 characters), also the HTML table's `data-sheet`. */
  sheet: string;
  columns: TableColumn[];
  rows: TableRow[];
}

export const text = (value: string): Cell => ({ value, format: 'text' });
export const count = (value: number): Cell => ({ value, format: 'count' });
export const amount = (value: number): Cell => ({ value: round(value, 2), format: 'amount' });
export const rate = (value: number): Cell => ({ value: round(value, 1), format: 'rate' });
export const blank = (format: CellFormat): Cell => ({ value: null, format });

/** What a cell prints in the HTML and the Markdown; the workbook shows the same through numFmt. */
export function formatCell(cell: Cell): string {
  const { value } = cell;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (cell.format) {
    case 'rate':
      return formatRate(value);
    case 'change':
      return formatChange(value, 0);
    case 'rate-change':
      return formatChange(value, 1);
    default:
      return formatNumber(value);
  }
}
