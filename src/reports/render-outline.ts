import type { ReportTable } from './render-cells.ts';
import {
  clearanceSentence,
  eventSentence,
  headlineSentence,
  offenderSentence,
  overdueSentence,
} from './render-sentences.ts';
import { reportTables } from './render-tables.ts';
import type { ReportData } from './report-model.ts';

/**
 * The bulletin's sections in order, as blocks of prose, tables and charts: the HTML and the
 * Markdown lay out the same outline, so they cannot drift apart. A table without rows becomes 「无」.
 */

/** What the data does not carry: the bulletin's issue number (「第X期」), printed when given. */
export interface RenderOptions {
  issue?: number | string;
}

export type ChartKind = 'trend' | 'level' | 'burn-down';

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: ReportTable; caption?: string }
  | { kind: 'chart'; chart: ChartKind; caption: string }
  | { kind: 'list'; items: string[] };

export interface ReportSection {
  id: string;
  heading: string;
  blocks: Block[];
  /** Starts a new printed page. */
  pageBreak?: boolean;
}

/** What a section without anything to report prints. */
export const NONE_TEXT = '无';

const NONE: Block = { kind: 'paragraph', text: NONE_TEXT };

function tableOrNone(table: ReportTable, caption?: string): Block {
  if (table.rows.length === 0)
    return caption === undefined ? NONE : { kind: 'paragraph', text: `${caption}：${NONE_TEXT}` };
  return caption === undefined ? { kind: 'table', table } : { kind: 'table', table, caption };
}

function overview(data: ReportData, headline: ReportTable): Block[] {
  const blocks: Block[] = [{ kind: 'paragraph', text: headlineSentence(data) }];
  if (headline.rows.length > 0) blocks.push({ kind: 'table', table: headline });
  const active = data.trend.some((day) => day.new_leads + day.resolved + day.events > 0);
  if (active) blocks.push({ kind: 'chart', chart: 'trend', caption: '图1　每日线索与舆情趋势' });
  return blocks;
}

function events(data: ReportData, table: ReportTable): Block[] {
  if (table.rows.length === 0 && Object.values(data.events_by_level).every((n) => n === 0)) return [NONE];
  return [
    { kind: 'paragraph', text: eventSentence(data) },
    tableOrNone(table),
    { kind: 'chart', chart: 'level', caption: '图2　网络舆情事件分级统计' },
  ];
}

function clearance(data: ReportData): Block[] {
  const blocks: Block[] = [{ kind: 'paragraph', text: clearanceSentence(data) }];
  if (data.clearance.burn_down.length > 0) {
    blocks.push({ kind: 'chart', chart: 'burn-down', caption: '图3　动态清零燃尽图' });
  }
  return blocks;
}

/** The sections of one report, 一 to 八 and the appendices. */
export function reportOutline(data: ReportData): ReportSection[] {
  const tables = reportTables(data);
  const withSentence = (rows: number, sentence: () => string, table: ReportTable): Block[] =>
    rows === 0
      ? [NONE]
      : [
          { kind: 'paragraph', text: sentence() },
          { kind: 'table', table },
        ];
  return [
    { id: 'overview', heading: '一、总体情况', blocks: overview(data, tables.headline) },
    { id: 'by-town', heading: '二、分乡镇（街道）情况', blocks: [tableOrNone(tables.byTown)] },
    { id: 'by-department', heading: '三、分部门情况', blocks: [tableOrNone(tables.byDepartment)] },
    { id: 'by-industry', heading: '四、分行业情况', blocks: [tableOrNone(tables.byIndustry)] },
    {
      id: 'overdue',
      heading: '五、超期未办结线索',
      blocks: withSentence(data.overdue.length, () => overdueSentence(data), tables.overdue),
    },
    {
      id: 'repeat-offenders',
      heading: '六、回头看',
      blocks: withSentence(
        data.repeat_offenders.length,
        () => offenderSentence(data),
        tables.repeatOffenders,
      ),
    },
    { id: 'events', heading: '七、网络舆情', blocks: events(data, tables.topEvents) },
    { id: 'clearance', heading: '八、动态清零进展', blocks: clearance(data) },
    {
      id: 'definitions',
      heading: '附：指标口径',
      pageBreak: true,
      blocks:
        data.headline.length === 0
          ? [NONE]
          : [{ kind: 'list', items: data.headline.map((figure) => `${figure.label}：${figure.definition}`) }],
    },
    {
      id: 'daily',
      heading: '附表：每日数据',
      blocks: [
        tableOrNone(tables.trend, '附表1　每日趋势'),
        tableOrNone(tables.burnDown, '附表2　清零燃尽（在办线索）'),
      ],
    },
  ];
}
