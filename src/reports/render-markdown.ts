import { formatCell, type ReportTable } from './render-cells.ts';
import { formatZhPeriod } from './render-format.ts';
import { type Block, type RenderOptions, type ReportSection, reportOutline } from './render-outline.ts';
import type { ReportData } from './report-model.ts';

/**
 * The report as Markdown, for pasting into OA systems: the same sections and tables as the HTML,
 * the charts replaced by a note pointing to the HTML or XLSX edition.
 */

/** Backslash-escapes what Markdown would read as markup; a line break inside a cell becomes a space. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\s*\n\s*/g, ' ');
}

function tableMarkdown(table: ReportTable, caption?: string): string {
  const shown = table.columns.flatMap((column, i) => (column.sheetOnly ? [] : [i]));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = line(shown.map((i) => md(table.columns[i]!.header)));
  const numeric = (i: number) => table.rows.some((row) => row.cells[i]!.format !== 'text');
  const rule = line(shown.map((i) => (numeric(i) ? '---:' : '---')));
  const rows = table.rows.map((row) => {
    const cells = shown.map((i) => md(formatCell(row.cells[i]!)));
    if (row.candidate) cells[0] = `★${cells[0]}`;
    return line(cells);
  });
  const title = caption === undefined ? [] : [`**${md(caption)}**`, ''];
  return [...title, header, rule, ...rows].join('\n');
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return md(block.text);
    case 'table':
      return tableMarkdown(block.table, block.caption);
    case 'list':
      return block.items.map((item, i) => `${i + 1}. ${md(item)}`).join('\n');
    case 'chart':
      return `> （${md(block.caption)}从略，见 HTML 或 XLSX 版。）`;
  }
}

function sectionMarkdown(section: ReportSection): string {
  return [`## ${md(section.heading)}`, ...section.blocks.map(blockMarkdown)].join('\n\n');
}

/** The report's sections as Markdown tables; charts omitted with a note. */
export function renderReportMarkdown(data: ReportData, options: RenderOptions = {}): string {
  const head = [
    `# ${md(data.title)}`,
    ...(options.issue === undefined ? [] : [`第${md(String(options.issue))}期`]),
    `${md(data.issuer)}　${md(data.issued_on)}`,
    `统计时段：${md(formatZhPeriod(data.period.from, data.period.to))}　` +
      `对比时段：${md(formatZhPeriod(data.previous.from, data.previous.to))}`,
  ];
  return `${[...head, ...reportOutline(data).map(sectionMarkdown)].join('\n\n')}\n`;
}
