import { h } from '../dom.js';

const TEXT = '#d7dee8';
const GRID = '#2b3542';
const AXIS = '#6b7785';

/** The bar colours of the four warning levels (yellow darkened to read on the dark theme). */
export const LEVEL_COLORS = {
  red: '#ff5c5c',
  orange: '#ff9f43',
  yellow: '#d4a017',
  blue: '#4dabf7',
  none: '#868e96',
};

function base() {
  return {
    backgroundColor: 'transparent',
    textStyle: { color: TEXT, fontSize: 14 },
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  };
}

const valueAxis = (name) => ({
  type: 'value',
  minInterval: 1,
  name,
  nameTextStyle: { color: TEXT },
  axisLabel: { color: TEXT },
  splitLine: { lineStyle: { color: GRID } },
});

const categoryAxis = (labels, extra = {}) => ({
  type: 'category',
  data: labels,
  axisLabel: { color: TEXT, ...extra },
  axisLine: { lineStyle: { color: AXIS } },
});

/** A count over time: days of a range, or hours of an event. */
export function lineOption({ labels, values, name, unit = '条', area = false }) {
  return {
    ...base(),
    grid: { left: 48, right: 24, top: 36, bottom: 36 },
    xAxis: { ...categoryAxis(labels, { hideOverlap: true }), boundaryGap: false },
    yAxis: valueAxis(`${name}（${unit}）`),
    series: [
      {
        name,
        type: 'line',
        data: values,
        color: '#74c0fc',
        lineStyle: { width: 3 },
        symbolSize: 6,
        areaStyle: area ? { opacity: 0.15 } : undefined,
      },
    ],
  };
}

/** Counts by a category, one bar each; horizontal when the labels are long (乡镇, 行业). */
export function barOption({ labels, values, name, colors, horizontal = false }) {
  const data = values.map((value, index) =>
    colors?.[index] ? { value, itemStyle: { color: colors[index] } } : value,
  );
  const categories = categoryAxis(labels, horizontal ? {} : { interval: 0, hideOverlap: true });
  const counts = valueAxis(horizontal ? '' : `${name}（条）`);
  return {
    ...base(),
    grid: horizontal
      ? { left: 8, right: 40, top: 12, bottom: 24, containLabel: true }
      : { left: 48, right: 24, top: 36, bottom: 36 },
    xAxis: horizontal ? counts : categories,
    yAxis: horizontal ? { ...categories, inverse: true } : counts,
    series: [
      {
        name,
        type: 'bar',
        data,
        color: '#4dabf7',
        barMaxWidth: 36,
        label: { show: true, position: horizontal ? 'right' : 'top', color: TEXT },
      },
    ],
  };
}

/** The figures behind a chart as a small table, for keyboard and screen-reader users. */
export function dataTable(caption, labels, values) {
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, '查看数据'),
    h(
      'table',
      { class: 'mini-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '项目'), h('th', { scope: 'col' }, '数量'))),
      h(
        'tbody',
        {},
        labels.map((label, index) =>
          h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, values[index])),
        ),
      ),
    ),
  );
}

/** `YYYY-MM-DD` moved by `days`. */
export function shiftDay(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
