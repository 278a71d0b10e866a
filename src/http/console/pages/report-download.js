import { h } from '../dom.js';

const KINDS = [
  ['weekly', '周调度'],
  ['monthly', '月通报'],
];
const FORMATS = [
  ['html', '网页（HTML）'],
  ['xlsx', '表格（XLSX）'],
  ['md', '文本（Markdown）'],
];

function select(id, label, options) {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, label),
    h(
      'select',
      { id },
      options.map(([value, text]) => h('option', { value }, text)),
    ),
  );
}

/**
 * 周调度 / 月通报 as a download, from the same code as `wagewatch report` and the scheduled runs:
 * the link points at GET /api/reports/<kind>, which the session cookie authorises.
 */
export function reportDownload() {
  const link = h('a', { class: 'button primary', id: 'report-link', download: '' }, '下载报告');
  const from = h('input', { type: 'date', id: 'report-from', 'aria-label': '开始日期' });
  const to = h('input', { type: 'date', id: 'report-to', 'aria-label': '结束日期' });
  const note = h('p', { class: 'muted' }, '不填日期时为上一个完整的周（周一至周日）或月。');
  const card = h(
    'section',
    { class: 'chart-card report-download' },
    h('h2', {}, '周调度 / 月通报'),
    h(
      'div',
      { class: 'filters' },
      select('report-kind', '报告', KINDS),
      select('report-format', '格式', FORMATS),
      h('label', { class: 'field' }, h('span', {}, '起'), from),
      h('label', { class: 'field' }, h('span', {}, '止'), to),
      link,
    ),
    note,
  );
  const update = () => {
    const kind = card.querySelector('#report-kind').value;
    const params = new URLSearchParams({ format: card.querySelector('#report-format').value });
    if (from.value && to.value) {
      params.set('from', from.value);
      params.set('to', to.value);
    }
    link.setAttribute('href', `/api/reports/${kind}?${params}`);
  };
  card.addEventListener('input', update);
  card.addEventListener('change', update);
  update();
  return card;
}
