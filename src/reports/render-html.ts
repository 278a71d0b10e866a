import { escapeUTF8 } from 'entities';
import { type Cell, formatCell, type ReportTable, type TableRow } from './render-cells.ts';
import { formatZhPeriod } from './render-format.ts';
import { reportCss } from './render-html-style.ts';
import {
  type Block,
  type ChartKind,
  type RenderOptions,
  type ReportSection,
  reportOutline,
} from './render-outline.ts';
import { burnDownChartSvg, levelChartSvg, trendChartSvg } from './report-charts.ts';
import type { ReportData } from './report-model.ts';

/** Every value comes from leads, posts or config, so all of it is escaped. */
const esc = escapeUTF8;

const CHARTS: Readonly<Record<ChartKind, (data: ReportData) => string>> = {
  trend: trendChartSvg,
  level: levelChartSvg,
  'burn-down': burnDownChartSvg,
};

function cellHtml(cell: Cell): string {
  const content = esc(formatCell(cell));
  if (cell.level) return `<td><span class="level level-${cell.level}">${content}</span></td>`;
  return cell.format === 'text' ? `<td>${content}</td>` : `<td class="num">${content}</td>`;
}

function rowHtml(row: TableRow, shown: readonly number[]): string {
  const cells = shown.map((i) => cellHtml(row.cells[i]!)).join('');
  return row.candidate ? `<tr class="candidate">${cells}</tr>` : `<tr>${cells}</tr>`;
}

/** The table as the reader sees it; columns kept for the workbook only are left out. */
function tableHtml(table: ReportTable, caption?: string): string {
  const shown = table.columns.flatMap((column, i) => (column.sheetOnly ? [] : [i]));
  const head = shown.map((i) => `<th>${esc(table.columns[i]!.header)}</th>`).join('');
  const body = table.rows.map((row) => rowHtml(row, shown)).join('\n');
  const title = caption === undefined ? '' : `<caption>${esc(caption)}</caption>`;
  return `<table data-sheet="${esc(table.sheet)}">${title}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

function blockHtml(block: Block, data: ReportData): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${esc(block.text)}</p>`;
    case 'table':
      return tableHtml(block.table, block.caption);
    case 'list':
      return `<ol class="definitions">${block.items.map((item) => `<li>${esc(item)}</li>`).join('')}</ol>`;
    case 'chart': {
      // The SVG is ECharts' own output, whose text content it escapes; it is inlined as is.
      const svg = CHARTS[block.chart](data);
      const label = esc(block.caption);
      return `<figure data-chart="${block.chart}" role="img" aria-label="${label}">${svg}<figcaption>${label}</figcaption></figure>`;
    }
  }
}

function sectionHtml(section: ReportSection, data: ReportData): string {
  const className = section.pageBreak ? ' class="page-break"' : '';
  const blocks = section.blocks.map((block) => blockHtml(block, data)).join('\n');
  return `<section id="${section.id}"${className}>\n<h2>${esc(section.heading)}</h2>\n${blocks}\n</section>`;
}

function mastheadHtml(data: ReportData, options: RenderOptions): string {
  const issue =
    options.issue === undefined ? '' : `<div class="issue">第${esc(String(options.issue))}期</div>`;
  return [
    '<header class="masthead">',
    `<h1>${esc(data.title)}</h1>`,
    issue,
    `<div class="meta"><span class="issuer">${esc(data.issuer)}</span><span class="issued-on">${esc(data.issued_on)}</span></div>`,
    '<div class="rule"></div>',
    '</header>',
    `<p class="period">统计时段：${esc(formatZhPeriod(data.period.from, data.period.to))}　` +
      `对比时段：${esc(formatZhPeriod(data.previous.from, data.previous.to))}</p>`,
  ].join('\n');
}

/** The report as one self-contained HTML document: inline CSS, inline SVG charts, nothing fetched. */
export function renderReportHtml(data: ReportData, options: RenderOptions = {}): string {
  const sections = reportOutline(data)
    .map((section) => sectionHtml(section, data))
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(data.title)}</title>`,
    `<style>${reportCss()}</style>`,
    '</head>',
    '<body>',
    mastheadHtml(data, options),
    '<main>',
    sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
