import type ExcelJS from 'exceljs';

/**
 * exceljs on first use. It and its dependencies take about 30 MB, and only the processes that
 * write a sheet or read an imported one need it; the pipeline workers never do.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
