import { LEVEL_NAMES_ZH } from '../domain/classification.ts';
import {
  amount,
  blank,
  type Cell,
  count,
  type ReportTable,
  rate,
  type TableColumn,
  text,
} from './render-cells.ts';
import { formatDay, formatMinute, round } from './render-format.ts';
import type { HeadlineFigure, ReportData, UnitRow } from './report-model.ts';

/**
 * The report's tables, built once: the HTML and Markdown print them and the XLSX writes them,
 * so every format holds the same rows and values. Numbers stay numbers, rounded to what is shown.
 */

export interface ReportTables {
  headline: ReportTable;
  byTown: ReportTable;
  byDepartment: ReportTable;
  byIndustry: ReportTable;
  overdue: ReportTable;
  repeatOffenders: ReportTable;
  topEvents: ReportTable;
  trend: ReportTable;
  burnDown: ReportTable;
}

function columns(...headers: string[]): TableColumn[] {
  return headers.map((header) => ({ header }));
}

function headlineValue(figure: HeadlineFigure, value: number): Cell {
  if (figure.unit === '%') return rate(value);
  return figure.unit === '元' ? amount(value) : count(value);
}

function headlineTable(data: ReportData): ReportTable {
  return {
    sheet: '总体情况',
    columns: [...columns('指标', '本期', '上期', '变化'), { header: '口径', sheetOnly: true }],
    rows: data.headline.map((figure) => ({
      cells: [
        text(`${figure.label}（${figure.unit}）`),
        headlineValue(figure, figure.value),
        headlineValue(figure, figure.previous),
        figure.unit === '%'
          ? { value: round(figure.change, 1), format: 'rate-change' }
          : { value: round(figure.change, 2), format: 'change' },
        text(figure.definition),
      ],
    })),
  };
}

function unitTable(sheet: string, unitHeader: string, rows: readonly UnitRow[]): ReportTable {
  return {
    sheet,
    columns: columns(
      unitHeader,
      '新增线索',
      '在办',
      '已核实',
      '已解决',
      '逾期',
      '追回金额（元）',
      '兑付人数',
      '办结率（%）',
    ),
    rows: rows.map((row) => ({
      cells: [
        text(row.unit),
        count(row.new_leads),
        count(row.open),
        count(row.verified),
        count(row.resolved),
        count(row.overdue),
        amount(row.amount_recovered),
        count(row.workers_paid),
        rate(row.closure_rate),
      ],
    })),
  };
}

function overdueTable(data: ReportData): ReportTable {
  return {
    sheet: '超期未办结',
    columns: columns('责任单位', '线索编号', '线索', '期限', '逾期工作日', '督办层级'),
    rows: data.overdue.map((row) => ({
      cells: [
        text([row.town, ...row.departments].filter((unit) => unit.trim() !== '').join('、')),
        text(row.lead_id),
        text(row.title),
        text(formatDay(row.due_at)),
        count(row.days_overdue),
        text(row.step),
      ],
    })),
  };
}

function offenderTable(data: ReportData): ReportTable {
  return {
    sheet: '回头看',
    columns: columns(
      '类型',
      '名称',
      '线索数',
      '核实案件',
      '涉及金额（元）',
      '涉及人数',
      '线索编号',
      '失信名单候选',
      '依据',
    ),
    rows: data.repeat_offenders.map((group) => ({
      cells: [
        text(group.kind === 'company' ? '企业' : '项目'),
        text(group.name),
        count(group.leads.length),
        count(group.verified_cases),
        amount(group.total_amount_yuan),
        count(group.total_workers),
        text(group.leads.map((lead) => lead.id).join('、')),
        text(group.blacklist_candidate ? '是' : '否'),
        text(group.basis.join('；')),
      ],
      candidate: group.blacklist_candidate,
    })),
  };
}

function eventTable(data: ReportData): ReportTable {
  return {
    sheet: '网络舆情',
    columns: columns('等级', '事件', '属地', '帖文数', '传播速度（帖/小时）', '首次发现', '最近发现'),
    rows: data.top_events.map((event) => ({
      cells: [
        { ...text(LEVEL_NAMES_ZH[event.level]), level: event.level },
        text(event.title),
        text(event.town ?? '未识别'),
        count(event.posts),
        rate(event.per_hour),
        text(formatMinute(event.first_seen)),
        text(formatMinute(event.last_seen)),
      ],
    })),
  };
}

function trendTable(data: ReportData): ReportTable {
  return {
    sheet: '每日趋势',
    columns: columns('日期', '新增线索', '办结', '网络舆情事件'),
    rows: data.trend.map((day) => ({
      cells: [text(day.day), count(day.new_leads), count(day.resolved), count(day.events)],
    })),
  };
}

/** The days of the burn-down and of the ideal line, in order, the deadline included. */
export function burnDownDays(data: ReportData): string[] {
  const { burn_down, ideal } = data.clearance;
  return [...new Set([...burn_down, ...ideal].map((day) => day.day))].sort();
}

function burnDownTable(data: ReportData): ReportTable {
  const actual = new Map(data.clearance.burn_down.map((day) => [day.day, day.open]));
  const ideal = new Map(data.clearance.ideal.map((day) => [day.day, day.open]));
  const actualCell = (value: number | undefined): Cell =>
    value === undefined ? blank('count') : count(value);
  const idealCell = (value: number | undefined): Cell => (value === undefined ? blank('rate') : rate(value));
  return {
    sheet: '清零燃尽',
    columns: columns('日期', '在办线索', '理想线'),
    rows: burnDownDays(data).map((day) => ({
      cells: [text(day), actualCell(actual.get(day)), idealCell(ideal.get(day))],
    })),
  };
}

/** Every table of the report, in the order of the bulletin and of the workbook's sheets. */
export function reportTables(data: ReportData): ReportTables {
  return {
    headline: headlineTable(data),
    byTown: unitTable('分乡镇', '乡镇（街道）', data.by_town),
    byDepartment: unitTable('分部门', '部门', data.by_department),
    byIndustry: unitTable('分行业', '行业', data.by_industry),
    overdue: overdueTable(data),
    repeatOffenders: offenderTable(data),
    topEvents: eventTable(data),
    trend: trendTable(data),
    burnDown: burnDownTable(data),
  };
}
