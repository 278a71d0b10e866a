import { h, replace } from '../dom.js';
import { LEVEL_ZH } from '../format.js';
import { createBacktestPanel } from './system-backtest.js';
import { table } from './system-table.js';

const RULE_COLUMNS = ['规则', '范围', '权重', '条件', '效果'];
const GROUP_COLUMNS = ['词组', '说明', '词数', '示例'];
const SCOPE_ZH = { any: '标题和正文', title: '仅标题', text: '仅正文' };

function conditions(rule) {
  const parts = [
    rule.any.length > 0 ? `任一：${rule.any.join('、')}` : null,
    rule.all.length > 0 ? `全部：${rule.all.join('、')}` : null,
    ...rule.near.map((n) => `临近：${n.groups.join(' ~ ')}（${n.within} 词内）`),
    rule.has.length > 0 ? `须有：${rule.has.join('、')}` : null,
    rule.lacks.length > 0 ? `须无：${rule.lacks.join('、')}` : null,
    rule.none.length > 0 ? `排除：${rule.none.join('、')}` : null,
  ];
  return parts.filter(Boolean).map((part) => h('div', { class: 'mono small' }, part));
}

function effects(sets) {
  const parts = [
    sets.lead === true ? '认定线索' : sets.lead === false ? '否决线索' : null,
    sets.resolved === true ? '已解决' : null,
    sets.categories.length > 0 ? `类别：${sets.categories.join('、')}` : null,
    sets.risks.length > 0 ? `风险：${sets.risks.join('、')}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('；') : '—';
}

function ruleFile(file) {
  const rules = file.rules.map((rule) =>
    h(
      'tr',
      { dataset: { rule: rule.id } },
      h(
        'td',
        {},
        h('span', { class: 'mono' }, rule.id),
        rule.description ? h('div', { class: 'muted small' }, rule.description) : null,
      ),
      h('td', { class: 'nowrap' }, SCOPE_ZH[rule.scope] ?? rule.scope),
      h('td', { class: 'num' }, String(rule.score)),
      h('td', {}, conditions(rule)),
      h('td', { class: 'small' }, effects(rule.sets)),
    ),
  );
  const groups = file.groups.map((group) =>
    h(
      'tr',
      {},
      h('td', { class: 'mono' }, group.name),
      h(
        'td',
        { class: 'small' },
        group.description ?? '—',
        group.negated_by.length > 0 ? `（前有 ${group.negated_by.join('、')} 时不计）` : '',
      ),
      h('td', { class: 'num' }, String(group.terms)),
      h(
        'td',
        { class: 'small wrap' },
        group.examples.join('、'),
        group.terms > group.examples.length ? ' …' : '',
      ),
    ),
  );
  return h(
    'details',
    { class: 'rule-file' },
    h(
      'summary',
      {},
      h('span', { class: 'mono' }, file.file),
      `　规则 ${file.rules.length} 条，词组 ${file.groups.length} 个`,
    ),
    rules.length > 0
      ? table('rules-table', RULE_COLUMNS, h('tbody', {}, rules), `${file.file} 的规则`)
      : null,
    groups.length > 0
      ? table('groups-table', GROUP_COLUMNS, h('tbody', {}, groups), `${file.file} 的词组`)
      : null,
    file.industries.length > 0
      ? h(
          'p',
          { class: 'small' },
          `行业判定（按顺序）：${file.industries.map((i) => `${i.id}（${i.groups.join('、')}）`).join('，')}`,
        )
      : null,
  );
}

function problems(details) {
  if (!Array.isArray(details)) return null;
  return h(
    'ul',
    { class: 'plain-list' },
    details.map((p) =>
      h(
        'li',
        { class: 'mono small' },
        `${p.file}${p.line ? `:${p.line}` : ''} ${p.path ?? ''}：${p.message}`,
      ),
    ),
  );
}

/**
 * 系统 · 规则 (admin, monitor, hr): the rule files as they are on disk, read only (rules change
 * in config/rules/, reviewed like code), the level policy, and the backtest panel.
 */
export function mountRules(root, { api, user }) {
  const files = h('div', { class: 'rule-files' });
  const summary = h('p', { role: 'status' });
  const message = h('div', { class: 'page-message', role: 'alert' });
  const levels = h('div');
  const backtest = createBacktestPanel({ api, user });

  async function load() {
    try {
      const view = await api.get('/api/rules');
      const { totals } = view;
      summary.textContent = `规则文件 ${totals.files} 个，规则 ${totals.rules} 条，词组 ${totals.groups} 个（共 ${totals.terms} 个词语）；得分达到 ${view.lead_min_score} 且无否决时成为线索。`;
      replace(
        levels,
        table(
          'levels-table',
          ['等级', '说明'],
          h(
            'tbody',
            {},
            view.levels.map((l) =>
              h(
                'tr',
                {},
                h('td', {}, h('span', { class: `level-tag level-${l.level}` }, LEVEL_ZH[l.level] ?? l.level)),
                h('td', {}, l.description ?? '—'),
              ),
            ),
          ),
          '等级规则',
        ),
      );
      replace(files, view.files.map(ruleFile));
    } catch (error) {
      summary.textContent = '';
      replace(message, `规则加载失败：${error.message}`, problems(error.details));
    }
  }

  replace(
    root,
    h(
      'section',
      { class: 'system-section', 'aria-labelledby': 'system-rules-title' },
      h('h2', { id: 'system-rules-title' }, '规则'),
      h(
        'p',
        { class: 'muted small' },
        '本页只读。规则在 config/rules/*.yaml 与 config/levels.yaml 中修改，修改后先回测再上线。',
      ),
      message,
      summary,
      levels,
      files,
    ),
    backtest.element,
  );
  load();
  backtest.load();
  return null;
}
