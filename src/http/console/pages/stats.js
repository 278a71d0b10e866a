import { withQuery } from '../api.js';
import { h, replace } from '../dom.js';
import { LEVEL_ZH, today } from '../format.js';
import { loadECharts } from './burn-down-chart.js';
import { barOption, dataTable, LEVEL_COLORS, lineOption, shiftDay } from './charts.js';

export const CATEGORY_ZH = {
  wage_arrears: '拖欠工资',
  project_payment: '拖欠工程款',
  rumor: '谣言',
  policy: '政策资讯',
};
export const INDUSTRY_ZH = {
  construction: '建筑施工',
  real_estate: '房地产',
  education_training: '教育培训',
  manufacturing: '制造业',
  services: '服务业',
  transport: '交通运输',
  water: '水利',
  other: '其他',
  none: '未识别',
};
const LEVEL_ORDER = ['red', 'orange', 'yellow', 'blue', 'none'];
/** The days filled in with zeros; beyond this the line shows only the days that have posts. */
const MAX_FILLED_DAYS = 731;

/** Each chart: what it counts by, its title, and how its buckets become labels and bars. */
const CHARTS = [
  { by: 'day', title: '每日帖子数', wide: true },
  { by: 'level', title: '按预警等级' },
  { by: 'category', title: '按类别' },
  { by: 'town', title: '按乡镇（街道）', horizontal: true },
  { by: 'industry', title: '按行业', horizontal: true },
];

function dayRange(since, until) {
  const days = [];
  for (let day = since; day <= until && days.length <= MAX_FILLED_DAYS; day = shiftDay(day, 1))
    days.push(day);
  return days.length > MAX_FILLED_DAYS ? null : days;
}

/** Labels, values and (for levels) colours of one chart, in Chinese and in a fixed order. */
function series(chart, buckets, range) {
  const counts = new Map(buckets.map((bucket) => [bucket.key, bucket.count]));
  if (chart.by === 'day') {
    const days = dayRange(range.since, range.until) ?? [...counts.keys()].sort();
    return { labels: days, values: days.map((day) => counts.get(day) ?? 0) };
  }
  if (chart.by === 'level') {
    const levels = LEVEL_ORDER.filter((level) => counts.has(level));
    return {
      labels: levels.map((level) => (level === 'none' ? '无等级' : LEVEL_ZH[level])),
      values: levels.map((level) => counts.get(level)),
      colors: levels.map((level) => LEVEL_COLORS[level]),
    };
  }
  const names = { category: CATEGORY_ZH, industry: INDUSTRY_ZH }[chart.by] ?? {};
  const sorted = [...buckets].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    labels: sorted.map((bucket) => names[bucket.key] ?? (bucket.key || '属地未识别')),
    values: sorted.map((bucket) => bucket.count),
  };
}

function optionFor(chart, data) {
  if (chart.by === 'day') return lineOption({ ...data, name: '帖子数', area: true });
  return barOption({ ...data, name: '帖子数', horizontal: chart.horizontal });
}

/**
 * 统计: the posts collected in a date range (the last 30 days unless chosen), optionally only
 * the leads, per day and by level, category, town and industry, each drawn with ECharts and
 * its figures readable as a table.
 */
export function mountStats(root, { api, watcher }) {
  if (!watcher) {
    replace(
      root,
      h(
        'section',
        { class: 'page' },
        h('h1', {}, '统计'),
        h('p', { class: 'muted' }, '统计面向值班、人社、公安和系统管理员。'),
      ),
    );
    return null;
  }
  const until = today();
  const sinceInput = h('input', {
    id: 'stats-since',
    name: 'since',
    type: 'date',
    value: shiftDay(until, -29),
  });
  const untilInput = h('input', { id: 'stats-until', name: 'until', type: 'date', value: until });
  const leadsBox = h('input', { type: 'checkbox', id: 'stats-leads', name: 'leads' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const summary = h('p', { class: 'muted', role: 'status' });
  const grid = h('div', { class: 'stats-charts' });
  let charts = [];
  let disposed = false;
  let asked = 0;
  const onResize = () => {
    for (const chart of charts) chart.resize();
  };

  function dropCharts() {
    for (const chart of charts) chart.dispose();
    charts = [];
  }

  async function load() {
    const range = { since: sinceInput.value, until: untilInput.value };
    if (!range.since || !range.until) {
      message.textContent = '请选择起止日期';
      return;
    }
    if (range.since > range.until) {
      message.textContent = '起始日期不能晚于截止日期';
      return;
    }
    const leads = leadsBox.checked ? '1' : '';
    const ticket = ++asked;
    message.textContent = '';
    summary.textContent = '正在统计…';
    let results;
    try {
      results = await Promise.all(
        CHARTS.map((chart) => api.get(withQuery('/api/stats', { by: chart.by, ...range, leads }))),
      );
    } catch (error) {
      if (ticket !== asked) return;
      summary.textContent = '';
      message.textContent = `统计加载失败：${error.message}`;
      return;
    }
    if (ticket !== asked || disposed) return;
    const total = results[0].total;
    summary.textContent = `${range.since} 至 ${range.until}，${leads ? '线索' : '帖子'}共 ${total} 条`;
    dropCharts();
    const boxes = CHARTS.map((chart, index) => {
      const data = series(chart, results[index].buckets ?? [], range);
      const text = data.labels.map((label, i) => `${label} ${data.values[i]}`).join('，');
      const box = h('div', {
        class: `chart${chart.horizontal ? ' chart-tall' : ''}`,
        role: 'img',
        'aria-label': `${chart.title}：${text || '无数据'}`,
      });
      const empty = data.labels.length === 0;
      const card = h(
        'section',
        { class: `chart-card${chart.wide ? ' wide' : ''}`, dataset: { by: chart.by } },
        h('h2', {}, chart.title),
        empty ? h('p', { class: 'empty' }, '所选范围内没有数据') : box,
        empty ? null : dataTable(chart.title, data.labels, data.values),
      );
      return { chart, data, box: empty ? null : box, card };
    });
    replace(
      grid,
      boxes.map((entry) => entry.card),
    );
    try {
      const echarts = await loadECharts();
      if (disposed || ticket !== asked) return;
      for (const { chart, data, box } of boxes) {
        if (!box) continue;
        const drawn = echarts.init(box, null, { renderer: 'canvas' });
        drawn.setOption(optionFor(chart, data));
        charts.push(drawn);
      }
    } catch {
      for (const { box } of boxes) if (box) replace(box, h('p', { class: 'form-error' }, '图表组件加载失败'));
    }
  }

  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        load();
      },
    },
    h('label', { for: 'stats-since' }, '起止日期'),
    sinceInput,
    h('span', { class: 'muted', 'aria-hidden': 'true' }, '至'),
    h('label', { for: 'stats-until', class: 'visually-hidden' }, '截止日期'),
    untilInput,
    h('label', { class: 'check' }, leadsBox, '仅线索'),
    h('button', { type: 'submit', class: 'primary' }, '统计'),
    h(
      'button',
      {
        type: 'button',
        class: 'ghost',
        onclick: () => {
          sinceInput.value = shiftDay(today(), -29);
          untilInput.value = today();
          leadsBox.checked = false;
          load();
        },
      },
      '近 30 天',
    ),
  );
  // The checkbox counts at once: 仅线索 is a switch, not a field to fill in.
  leadsBox.addEventListener('change', () => load());

  replace(
    root,
    h(
      'section',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', {}, '统计'), summary),
      form,
      message,
      grid,
    ),
  );
  window.addEventListener('resize', onResize);
  load();
  return () => {
    disposed = true;
    window.removeEventListener('resize', onResize);
    dropCharts();
  };
}
