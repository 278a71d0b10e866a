import { h, replace } from '../dom.js';
import { percent } from '../format.js';
import { burnDownOption, loadECharts } from './burn-down-chart.js';
import { reportDownload } from './report-download.js';

const COLUMNS = ['单位', '线索', '未办结', '已核实未解决', '已清零', '逾期', '清零率', '滞后原因'];

function card(label, value, tone = '') {
  return h(
    'div',
    { class: `stat ${tone}` },
    h('div', { class: 'stat-value' }, value),
    h('div', { class: 'stat-label' }, label),
  );
}

function unitTable(title, rows, behind, kind) {
  const reasonsFor = (unit) =>
    behind.find((entry) => entry.unit === unit && (!entry.kind || entry.kind === kind))?.reasons ?? null;
  return h(
    'section',
    { class: 'unit-table' },
    h('h2', {}, title),
    h(
      'table',
      { class: 'data-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          COLUMNS.map((name) => h('th', { scope: 'col' }, name)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.length === 0
          ? h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'empty' }, '暂无数据'))
          : null,
        rows.map((row) => {
          const reasons = reasonsFor(row.unit);
          return h(
            'tr',
            { class: reasons ? 'behind' : '' },
            h('th', { scope: 'row' }, row.unit, reasons ? h('span', { class: 'behind-tag' }, '滞后') : null),
            [row.leads, row.open, row.verified_unresolved, row.cleared, row.overdue].map((n) =>
              h('td', { class: 'num' }, n),
            ),
            h('td', { class: 'num' }, percent(row.rate)),
            h('td', {}, reasons ? reasons.join('；') : ''),
          );
        }),
      ),
    ),
  );
}

function headline(view) {
  const totals = view.totals;
  return h(
    'div',
    { class: 'stats' },
    card('线索总数', totals.leads),
    card('未办结', totals.open, totals.open > 0 ? 'warn' : ''),
    card('已核实未解决', totals.verified_unresolved),
    card('已清零', totals.cleared, 'good'),
    card('逾期', totals.overdue, totals.overdue > 0 ? 'bad' : ''),
    card('清零率', percent(totals.clearance_rate)),
    card('预计清零', view.projected_zero_date ?? '无法预计', `date ${view.on_track ? 'good' : 'bad'}`),
    card('清零截止', view.deadline, 'date'),
  );
}

/**
 * 清零进度: the campaign's headline figures, the burn-down of open leads against the ideal line,
 * and the tables by township and department with the units that are behind in red.
 */
export function mountClearance(root, { api, user }) {
  let chart = null;
  let disposed = false;
  const section = h(
    'section',
    { class: 'page' },
    h('header', { class: 'page-head' }, h('h1', {}, '清零进度')),
  );
  const onResize = () => chart?.resize();
  replace(root, section);
  section.append(h('p', { class: 'muted' }, '加载中…'));

  async function load() {
    let view;
    try {
      view = await api.get('/api/clearance');
    } catch (error) {
      replace(
        section,
        h('h1', {}, '清零进度'),
        h('p', { class: 'page-message', role: 'alert' }, `清零进度加载失败：${error.message}`),
      );
      return;
    }
    const chartBox = h('div', {
      class: 'chart',
      role: 'img',
      'aria-label': '未办结线索燃尽图：实际与理想进度',
    });
    const status = view.on_track
      ? h('span', { class: 'good-tag' }, '按期推进')
      : h('span', { class: 'bad-tag' }, '进度滞后');
    replace(
      section,
      h(
        'header',
        { class: 'page-head' },
        h('h1', {}, '清零进度'),
        status,
        h('span', { class: 'muted' }, `${view.campaign ?? ''}　截至 ${view.as_of}　截止 ${view.deadline}`),
      ),
      headline(view),
      h('section', { class: 'chart-card' }, h('h2', {}, '燃尽图（未办结线索）'), chartBox),
      h(
        'div',
        { class: 'unit-tables' },
        unitTable('分乡镇（街道）', view.by_town ?? [], view.behind ?? [], 'town'),
        unitTable('分部门', view.by_department ?? [], view.behind ?? [], 'department'),
      ),
      // Reports are for the leading group's offices, not for a single unit.
      user?.role === 'unit' ? null : reportDownload(),
    );
    try {
      const echarts = await loadECharts();
      if (disposed) return;
      chart = echarts.init(chartBox, null, { renderer: 'canvas' });
      chart.setOption(burnDownOption(view));
      window.addEventListener('resize', onResize);
    } catch {
      replace(chartBox, h('p', { class: 'form-error' }, '图表组件加载失败'));
    }
  }

  load();
  return () => {
    disposed = true;
    window.removeEventListener('resize', onResize);
    chart?.dispose();
  };
}
