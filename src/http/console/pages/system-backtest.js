import { h, replace, toast } from '../dom.js';
import { dateTime, LEVEL_ZH } from '../format.js';
import { emptyRow, table } from './system-table.js';

const COLUMNS = ['变化', '帖子', '等级', '命中规则'];
const CHANGE_ZH = { new_leads: '新增线索', lost_leads: '减少线索', other_changes: '等级变化' };
const DEFAULT_LIMIT = 5000;

function levelTag(level) {
  return h('span', { class: `level-tag level-${level}` }, LEVEL_ZH[level] ?? level);
}

function stat(label, value, tone) {
  return h(
    'div',
    { class: `stat${tone ? ` ${tone}` : ''}` },
    h('div', { class: 'stat-value' }, String(value)),
    h('div', { class: 'stat-label' }, label),
  );
}

function levelChanges(changes) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return '无';
  return entries
    .map(([change, n]) => {
      const [from, to] = change.split('→');
      return `${LEVEL_ZH[from] ?? from}→${LEVEL_ZH[to] ?? to} ${n} 条`;
    })
    .join('，');
}

function result(run) {
  const changed = Object.entries(CHANGE_ZH).flatMap(([list, label]) =>
    run.changes[list].map((change) =>
      h(
        'tr',
        { dataset: { change: list } },
        h('td', { class: 'nowrap' }, label),
        h('td', {}, change.title, h('div', { class: 'mono muted small' }, change.id)),
        h('td', { class: 'nowrap' }, levelTag(change.before), ' → ', levelTag(change.after)),
        h('td', { class: 'mono small wrap' }, change.rules.join(', ') || '—'),
      ),
    ),
  );
  const levelTotal = Object.values(run.level_changes).reduce((sum, n) => sum + n, 0);
  return [
    h(
      'p',
      { class: 'muted small' },
      `${run.by} 于 ${dateTime(run.finished_at)} 运行，规则文件 ${run.rules.files} 个、规则 ${run.rules.rules} 条；`,
      `已入库帖子共 ${run.total_posts} 条${run.capped ? `，按上限只扫描了 ${run.scanned} 条` : ''}。`,
    ),
    h(
      'div',
      { class: 'stats backtest-stats' },
      stat('扫描', run.scanned),
      stat('新增线索', run.new_leads, run.new_leads > 0 ? 'warn' : ''),
      stat('减少线索', run.lost_leads, run.lost_leads > 0 ? 'warn' : ''),
      stat('等级变化', levelTotal),
      stat('不变', run.unchanged, 'good'),
    ),
    h('p', {}, `等级变化：${levelChanges(run.level_changes)}`),
    run.truncated ? h('p', { class: 'notice' }, '变化的帖子较多，每类只列出前 200 条。') : null,
    table(
      'backtest-table',
      COLUMNS,
      h('tbody', {}, changed.length > 0 ? changed : emptyRow(COLUMNS, '没有帖子发生变化')),
      '回测中发生变化的帖子',
    ),
  ];
}

/**
 * 规则回测: the latest run for whoever may read the rules, and for the admin a 回测 button that
 * classifies the stored posts again with the rule files on disk (up to a limit) and shows what
 * would change: new leads, lost leads and level changes, post by post.
 */
export function createBacktestPanel({ api, user }) {
  const admin = user.role === 'admin';
  const output = h('div', { class: 'backtest-result' });
  const status = h('p', { class: 'muted small', role: 'status' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const limit = h('input', {
    id: 'backtest-limit',
    name: 'limit',
    type: 'number',
    min: 1,
    max: 50000,
    step: 1,
    value: String(DEFAULT_LIMIT),
    required: true,
  });
  const run = h('button', { type: 'submit', class: 'primary', id: 'backtest-run' }, '回测');

  async function start(event) {
    event.preventDefault();
    run.disabled = true;
    message.textContent = '';
    status.textContent = '回测中，帖子较多时需要一些时间…';
    try {
      const latest = await api.post('/api/rules/backtest', { limit: Number(limit.value) });
      status.textContent = '';
      replace(output, result(latest));
      toast(`回测完成：扫描 ${latest.scanned} 条`);
    } catch (error) {
      status.textContent = '';
      message.textContent = `回测失败：${error.message}`;
    } finally {
      run.disabled = false;
    }
  }

  async function load() {
    try {
      replace(output, result(await api.get('/api/rules/backtest')));
    } catch (error) {
      if (error.status === 404) replace(output, h('p', { class: 'muted' }, '尚未进行规则回测。'));
      else message.textContent = `回测结果加载失败：${error.message}`;
    }
  }

  const form = admin
    ? h(
        'form',
        { class: 'filters', 'aria-label': '规则回测', onsubmit: start },
        h('label', { for: 'backtest-limit' }, '最多扫描（条）'),
        limit,
        run,
      )
    : h('p', { class: 'muted small' }, '回测由系统管理员运行；这里显示最近一次的结果。');
  const element = h(
    'section',
    { class: 'system-section', 'aria-labelledby': 'backtest-title' },
    h('h2', { id: 'backtest-title' }, '规则回测'),
    h(
      'p',
      { class: 'muted small' },
      '用磁盘上当前的规则文件重新分类已入库帖子，与入库时的结果比较；不改动任何帖子，运行记入审计。',
    ),
    form,
    status,
    message,
    output,
  );
  return { element, load };
}
