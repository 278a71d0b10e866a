import { withQuery } from '../api.js';
import { h, replace, toast } from '../dom.js';
import { dateTime } from '../format.js';
import { evidencePackControl } from './case-evidence.js';
import { eventHref } from './event.js';
import { createLeadDetail } from './lead-detail.js';

export const CASE_ROLES = ['admin', 'police'];
const DECISION_ZH = {
  file_investigation: '立案侦查',
  transfer: '移交',
  no_case: '不予立案',
  keep_watching: '持续关注',
};
const STATUS_ZH = { pending: '待研判', decided: '已研判' };
const SUBJECT_ZH = { lead: '欠薪线索', event: '舆情事件' };
const TABS = [
  ['pending', '待研判'],
  ['decided', '已研判'],
  ['', '全部'],
];

function decisionLine(entry) {
  return h(
    'li',
    {},
    h('span', { class: 'muted' }, dateTime(entry.at)),
    ' ',
    h('span', { class: 'by' }, entry.by),
    '：',
    h('strong', {}, DECISION_ZH[entry.decision] ?? entry.decision),
    entry.transfer_to ? `（移交至 ${entry.transfer_to}）` : '',
    ' — ',
    entry.reason,
  );
}

/**
 * 案件研判 (public security and the admin): the events and leads flagged for crime or risk,
 * pending or decided, with their reasons and every decision so far; 研判 records 立案侦查,
 * 移交 (to whom), 不予立案 or 持续关注 with a reason, through the same rules and audit as the CLI.
 */
export function mountCases(root, { api, user }) {
  if (!CASE_ROLES.includes(user.role)) {
    replace(
      root,
      h(
        'section',
        { class: 'page' },
        h('h1', {}, '案件研判'),
        h('p', { class: 'muted' }, '案件研判仅限公安机关和系统管理员。'),
      ),
    );
    return null;
  }
  const state = {
    status: 'pending',
    items: [],
    error: '',
    loaded: false,
    open: null,
    busy: false,
    formError: '',
  };
  const values = { decision: 'keep_watching', reason: '', transfer_to: '' };
  const list = h('ul', { class: 'case-list', 'aria-label': '案件列表' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': '研判状态' });
  const layout = h('div', { class: 'leads-layout' });
  const detail = createLeadDetail({ api, user, onChange: () => undefined, onClose: closeLead });
  let asked = 0;

  async function load(status = state.status) {
    state.status = status;
    const ticket = ++asked;
    try {
      const result = await api.get(withQuery('/api/cases', { status }));
      if (ticket !== asked) return;
      Object.assign(state, { items: result.items ?? [], error: '' });
    } catch (error) {
      if (ticket !== asked) return;
      Object.assign(state, { items: [], error: `案件加载失败：${error.message}` });
    }
    state.loaded = true;
    render();
  }

  function openForm(item) {
    Object.assign(state, { open: item.id, formError: '' });
    Object.assign(values, { decision: 'keep_watching', reason: '', transfer_to: '' });
    render(`${item.id}:decision`);
  }

  function closeForm(item) {
    Object.assign(state, { open: null, formError: '' });
    render(`${item.id}:open`);
  }

  async function decide(item) {
    const body = { decision: values.decision, reason: values.reason.trim() };
    if (values.decision === 'transfer') body.transfer_to = values.transfer_to.trim();
    if (!body.reason) {
      state.formError = '请填写研判理由';
      render(`${item.id}:reason`);
      return;
    }
    if (values.decision === 'transfer' && !body.transfer_to) {
      state.formError = '移交须填写接收单位';
      render(`${item.id}:transfer`);
      return;
    }
    Object.assign(state, { busy: true, formError: '' });
    render();
    try {
      const updated = await api.post(`/api/cases/${encodeURIComponent(item.id)}/decide`, body);
      // Stays in the list until the next refresh, so the result can be seen where it was made.
      state.items = state.items.map((entry) => (entry.id === updated.id ? updated : entry));
      Object.assign(state, { busy: false, open: null });
      toast(`已研判：${DECISION_ZH[updated.decisions.at(-1)?.decision] ?? ''}`);
      render(`${item.id}:open`);
    } catch (error) {
      Object.assign(state, { busy: false, formError: error.message });
      render(`${item.id}:reason`);
    }
  }

  async function openLead(id) {
    try {
      detail.show(await api.get(`/api/leads/${encodeURIComponent(id)}`), { focus: true });
      layout.classList.add('with-detail');
    } catch (error) {
      message.textContent = `线索详情加载失败：${error.message}`;
    }
  }

  function closeLead() {
    const id = detail.id;
    detail.hide();
    layout.classList.remove('with-detail');
    list.querySelector(`[data-lead="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  function decisionForm(item) {
    const key = (name) => `${item.id}:${name}`;
    const select = h(
      'select',
      {
        id: `case-decision-${item.id}`,
        dataset: { focusKey: key('decision') },
        onchange: () => {
          values.decision = select.value;
          render(key('decision'));
        },
      },
      Object.entries(DECISION_ZH).map(([value, label]) => h('option', { value }, label)),
    );
    select.value = values.decision;
    const reason = h('textarea', {
      id: `case-reason-${item.id}`,
      rows: 3,
      maxlength: 2000,
      required: true,
      dataset: { focusKey: key('reason') },
      oninput: () => {
        values.reason = reason.value;
      },
    });
    reason.value = values.reason;
    const transfer =
      values.decision === 'transfer'
        ? h('input', {
            id: `case-transfer-${item.id}`,
            maxlength: 100,
            required: true,
            autocomplete: 'off',
            value: values.transfer_to,
            dataset: { focusKey: key('transfer') },
            oninput: () => {
              values.transfer_to = transfer.value;
            },
          })
        : null;
    return h(
      'form',
      {
        class: 'action-form case-form',
        onsubmit: (event) => {
          event.preventDefault();
          decide(item);
        },
        onkeydown: (event) => {
          if (event.key === 'Escape') closeForm(item);
        },
      },
      h('div', { class: 'field' }, h('label', { for: select.id }, '研判结论'), select),
      transfer ? h('div', { class: 'field' }, h('label', { for: transfer.id }, '接收单位'), transfer) : null,
      h('div', { class: 'field' }, h('label', { for: reason.id }, '研判理由（将记入审计）'), reason),
      state.formError ? h('p', { class: 'form-error', role: 'alert' }, state.formError) : null,
      h(
        'div',
        { class: 'form-buttons' },
        h('button', { type: 'submit', class: 'primary', disabled: state.busy }, '提交研判'),
        h('button', { type: 'button', class: 'ghost', onclick: () => closeForm(item) }, '取消'),
      ),
    );
  }

  function subjectLink(subject) {
    if (subject.kind === 'event')
      return h('a', { href: eventHref(subject.id), class: 'subject-link' }, '查看事件');
    return h(
      'button',
      { type: 'button', class: 'ghost', dataset: { lead: subject.id }, onclick: () => openLead(subject.id) },
      '查看线索',
    );
  }

  function card(item) {
    const regrown = item.flag_history?.slice(1) ?? [];
    return h(
      'li',
      { class: `case status-${item.status}`, dataset: { id: item.id } },
      h(
        'div',
        { class: 'case-head' },
        h('span', { class: `status-tag case-${item.status}` }, STATUS_ZH[item.status] ?? item.status),
        h('strong', { class: 'case-title' }, item.title || '（无标题）'),
        h('span', { class: 'subject-tag' }, SUBJECT_ZH[item.subject.kind] ?? item.subject.kind),
        h('span', { class: 'muted' }, item.town ?? '属地未识别'),
        h(
          'div',
          { class: 'case-actions' },
          subjectLink(item.subject),
          state.open === item.id
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: item.status === 'pending' ? 'primary' : 'ghost',
                  dataset: { focusKey: `${item.id}:open` },
                  onclick: () => openForm(item),
                },
                item.status === 'pending' ? '研判' : '补充研判',
              ),
        ),
      ),
      h(
        'div',
        { class: 'badges' },
        item.reasons.map((reason) => h('span', { class: 'warn-tag' }, reason)),
      ),
      h(
        'p',
        { class: 'event-meta' },
        `标记时间 ${dateTime(item.flagged_at)}　案件编号 `,
        h('span', { class: 'mono' }, item.id),
      ),
      regrown.length
        ? h(
            'ul',
            { class: 'plain-list small' },
            regrown.map((flag) => h('li', {}, `${dateTime(flag.at)} 新增：${flag.added.join('；')}`)),
          )
        : null,
      item.decisions.length
        ? h(
            'section',
            { class: 'case-decisions' },
            h('h3', {}, '研判记录'),
            h('ol', { class: 'timeline' }, item.decisions.map(decisionLine)),
          )
        : null,
      evidencePackControl(item, api),
      state.open === item.id ? decisionForm(item) : null,
    );
  }

  function render(focusKey) {
    message.textContent = state.error;
    replace(
      tabs,
      TABS.map(([status, label]) =>
        h(
          'button',
          {
            type: 'button',
            class: status === state.status ? 'primary' : 'ghost',
            'aria-pressed': String(status === state.status),
            dataset: { focusKey: `tab:${status}` },
            onclick: () => {
              state.open = null;
              load(status).then(() => render(`tab:${status}`));
            },
          },
          label,
        ),
      ),
    );
    replace(
      list,
      state.items.map(card),
      state.loaded && state.items.length === 0 && !state.error
        ? h('li', { class: 'empty' }, state.status === 'pending' ? '没有待研判的案件' : '没有案件')
        : null,
    );
    if (focusKey) root.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  replace(layout, h('div', { class: 'table-wrap' }, list), detail.element);
  replace(
    root,
    h(
      'section',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', {}, '案件研判'), tabs),
      h(
        'p',
        { class: 'notice' },
        '证据包含原始页面和未脱敏的个人信息，下载须填写事由并记入审计；也可用命令行 wagewatch cases export 导出。',
      ),
      message,
      layout,
    ),
  );
  render();
  load();
  return () => detail.hide();
}
