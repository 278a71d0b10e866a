import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { LEVEL_NAMES_ZH } from '../domain/classification.ts';
import { formatZhPeriod, LEVEL_COLOURS, type ReportLevel, SANS_FONTS, shortDay } from './render-format.ts';
import { projectionSubtitle } from './render-sentences.ts';
import { burnDownDays } from './render-tables.ts';
import type { ReportData } from './report-model.ts';

/**
 * The report's three charts as SVG strings, rendered server-side by ECharts: fixed size, no
 * animation, and the same bytes for the same data (ECharts numbers its ids per instance, so they
 * are renamed after the chart, which also keeps them unique within one HTML page).
 */

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  SVGRenderer,
]);

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 320;

const LEVELS: readonly ReportLevel[] = ['red', 'orange', 'yellow', 'blue'];
const TITLE = { left: 'center', textStyle: { fontSize: 16 }, subtextStyle: { fontSize: 12, color: '#555' } };
const GRID = { left: 56, right: 32, top: 96, bottom: 36 };
const COUNT_AXIS = { type: 'value', minInterval: 1, nameTextStyle: { align: 'right' } } as const;

type ChartOption = Parameters<echarts.EChartsType['setOption']>[0];

/**
 * ECharts names ids and classes from counters shared by every chart of the process (`zr3-c0`,
 * `zr3-cls-17`); they are renumbered from zero in order of appearance, under the chart's name.
 */
function stableIds(svg: string, name: string): string {
  const seen = new Map<string, string>();
  const counts = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+)(-?)(\d+)\b/g, (token: string, kind: string, dash: string) => {
    let id = seen.get(token);
    if (id === undefined) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      id = `${name}-${kind}${dash}${n}`;
      seen.set(token, id);
    }
    return id;
  });
}

function renderSvg(name: string, option: ChartOption): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: SANS_FONTS }, ...option });
    return stableIds(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}

/** New leads and resolved leads (bars) and online events first seen (line), per day of the period. */
export function trendChartSvg(data: ReportData): string {
  return renderSvg('chart-trend', {
    title: {
      ...TITLE,
      text: '每日线索与舆情趋势',
      subtext: formatZhPeriod(data.period.from, data.period.to),
    },
    legend: { top: 60, data: ['新增线索', '办结', '网络舆情事件'] },
    grid: GRID,
    xAxis: { type: 'category', data: data.trend.map((day) => shortDay(day.day)) },
    yAxis: { ...COUNT_AXIS, name: '件/起' },
    series: [
      { name: '新增线索', type: 'bar', color: '#1565c0', data: data.trend.map((day) => day.new_leads) },
      { name: '办结', type: 'bar', color: '#2e7d32', data: data.trend.map((day) => day.resolved) },
      {
        name: '网络舆情事件',
        type: 'line',
        color: '#ef6c00',
        symbolSize: 6,
        data: data.trend.map((day) => day.events),
      },
    ],
  });
}

/** Online events first seen in the period, one bar per grade in its colour. */
export function levelChartSvg(data: ReportData): string {
  return renderSvg('chart-level', {
    title: {
      ...TITLE,
      text: '网络舆情事件分级统计',
      subtext: formatZhPeriod(data.period.from, data.period.to),
    },
    grid: { ...GRID, top: 76 },
    xAxis: { type: 'category', data: LEVELS.map((level) => LEVEL_NAMES_ZH[level]) },
    yAxis: { ...COUNT_AXIS, name: '起' },
    series: [
      {
        name: '事件数',
        type: 'bar',
        barMaxWidth: 64,
        label: { show: true, position: 'top' },
        data: LEVELS.map((level) => ({
          value: data.events_by_level[level],
          itemStyle: { color: LEVEL_COLOURS[level].fill },
        })),
      },
    ],
  });
}

/** Open leads per day against the ideal line to zero, the deadline marked, the projection below the title. */
export function burnDownChartSvg(data: ReportData): string {
  const { burn_down, ideal, deadline } = data.clearance;
  const days = [...new Set([...burnDownDays(data), deadline])].sort();
  const actual = new Map(burn_down.map((day) => [day.day, day.open]));
  const target = new Map(ideal.map((day) => [day.day, day.open]));
  return renderSvg('chart-burndown', {
    title: { ...TITLE, text: '动态清零进展（在办线索）', subtext: projectionSubtitle(data) },
    legend: { top: 60, data: ['在办线索', '理想线'] },
    grid: GRID,
    xAxis: { type: 'category', data: days, axisLabel: { formatter: shortDay } },
    yAxis: { ...COUNT_AXIS, name: '件' },
    series: [
      {
        name: '在办线索',
        type: 'line',
        color: '#c62828',
        showSymbol: false,
        data: days.map((day) => actual.get(day) ?? null),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: '#c62828', type: 'dashed' },
          label: { formatter: '清零期限', position: 'end' },
          data: [{ xAxis: deadline }],
        },
      },
      {
        name: '理想线',
        type: 'line',
        color: '#757575',
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: days.map((day) => target.get(day) ?? null),
      },
    ],
  });
}
