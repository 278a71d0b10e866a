import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { emptyRow, table } from './system-table.js';

const COLUMNS = [
  '数据源',
  '类型',
  '状态',
  '采集间隔',
  '最近成功',
  '最近失败',
  '连续失败',
  '上一轮新帖',
  '24 小时',
  '最近错误',
];
const BLOCKED_ZH = {
  credential_expired: '凭证失效',
  captcha: '需要验证码',
  throttled: '被限流',
  forbidden: '被拒绝',
};

function every(seconds) {
  if (seconds % 3600 === 0) return `每 ${seconds / 3600} 小时`;
  if (seconds % 60 === 0) return `每 ${seconds / 60} 分钟`;
  return `每 ${seconds} 秒`;
}

function statusTag(source) {
  const health = source.health;
  if (!source.enabled) return h('span', { class: 'muted' }, '停用');
  if (!health) return h('span', { class: 'muted' }, '未知');
  switch (health.status) {
    case 'ok':
      return h('span', { class: 'good-tag' }, '正常');
    case 'blocked':
      return h('span', { class: 'bad-tag' }, BLOCKED_ZH[health.credential_state] ?? '被拦截');
    case 'failing':
      return h('span', { class: 'bad-tag' }, `失败中（连续 ${health.consecutive_failures} 次）`);
    default:
      return h('span', { class: 'warn-tag' }, '暂无采集记录');
  }
}

function row(source) {
  const health = source.health;
  const cell = (value) => (health ? value : '—');
  return h(
    'tr',
    { class: source.enabled ? '' : 'disabled-row', dataset: { source: source.id } },
    h('td', {}, source.name, h('div', { class: 'mono muted small' }, source.id)),
    h('td', { class: 'mono' }, source.kind),
    h('td', {}, statusTag(source)),
    h('td', { class: 'nowrap' }, every(source.every_s)),
    h('td', { class: 'nowrap' }, cell(dateTime(health?.last_success_at))),
    h('td', { class: 'nowrap' }, cell(dateTime(health?.last_failure_at))),
    h('td', { class: 'num' }, cell(health?.consecutive_failures)),
    h('td', { class: 'num' }, cell(health?.last_pass_new_posts ?? '—')),
    h(
      'td',
      { class: 'nowrap' },
      health
        ? `采集 ${health.passes_24h} 轮，失败 ${health.failures_24h}，新帖 ${health.new_posts_24h}`
        : '—',
    ),
    h('td', { class: 'wrap small' }, health?.last_error ?? '—'),
  );
}

/**
 * 系统 · 数据源 (admin and monitor): every configured source with the health the workers keep
 * in Redis: when it last worked or failed, why, whether a platform blocked it (an expired login,
 * a captcha), and how many posts its passes brought.
 */
export function mountSources(root, { api }) {
  const body = h('tbody');
  const note = h('p', { class: 'notice', hidden: true });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const summary = h('p', { class: 'muted small', role: 'status' });

  async function load() {
    summary.textContent = '正在加载…';
    try {
      const result = await api.get('/api/sources');
      message.textContent = '';
      note.hidden = result.health_available;
      note.textContent = result.health_note ?? '';
      const enabled = result.items.filter((source) => source.enabled).length;
      const failing = result.items.filter(
        (s) => s.enabled && ['failing', 'blocked'].includes(s.health?.status),
      );
      summary.textContent = `共 ${result.items.length} 个数据源，启用 ${enabled} 个${failing.length > 0 ? `，异常 ${failing.length} 个` : ''}`;
      replace(
        body,
        result.items.map(row),
        result.items.length === 0 ? emptyRow(COLUMNS, '没有配置数据源') : null,
      );
    } catch (error) {
      summary.textContent = '';
      message.textContent = `数据源加载失败：${error.message}`;
    }
  }

  replace(
    root,
    h(
      'section',
      { class: 'system-section', 'aria-labelledby': 'system-sources-title' },
      h(
        'div',
        { class: 'page-head' },
        h('h2', { id: 'system-sources-title' }, '数据源'),
        h('button', { type: 'button', class: 'ghost', onclick: load }, '刷新'),
      ),
      h(
        'p',
        { class: 'muted small' },
        '数据源配置在 config/sources/ 下；健康状态由采集进程写入，24 小时内的统计滚动计算。',
      ),
      note,
      message,
      summary,
      table('sources-table', COLUMNS, body, '数据源与采集健康'),
    ),
  );
  load();
  return null;
}
