import { h, replace, toast } from '../dom.js';
import { actionForm, availableActions } from './lead-actions.js';
import {
  complainantTable,
  descriptions,
  leadBadges,
  leadFacts,
  reportList,
  workHistory,
} from './lead-sections.js';

const UNMASK_ROLES = ['admin', 'hr', 'police', 'unit'];

/**
 * The detail panel of one lead: its facts, its complainants (masked; 查看完整信息 asks for a
 * 事由 and the server records it), the actions for its state, and what has been done so far.
 */
export function createLeadDetail({ api, user, onChange, onClose }) {
  const panel = h('aside', { class: 'detail', 'aria-labelledby': 'detail-title', hidden: true });
  const state = { lead: null, unmasked: false, form: null, error: '', busy: false, values: {} };

  function show(lead, { unmasked = false, focus = false } = {}) {
    Object.assign(state, { lead, unmasked, form: null, error: '', busy: false });
    panel.hidden = false;
    render();
    if (focus) panel.querySelector('#detail-title')?.focus();
  }

  function openForm(name) {
    Object.assign(state, { form: name, error: '', values: {} });
    render();
    panel
      .querySelector('.action-form input, .action-form select, .action-form button[type="submit"]')
      ?.focus();
  }

  function closeForm() {
    Object.assign(state, { form: null, error: '' });
    render();
    panel.querySelector(`[data-action="${state.lastForm}"]`)?.focus();
  }

  async function submit(path, body, values, done) {
    Object.assign(state, { busy: true, error: '', values });
    render();
    try {
      done(await api.post(path, body));
    } catch (error) {
      state.busy = false;
      state.error = error.message;
      render();
      panel.querySelector('.action-form input, .action-form select')?.focus();
    }
  }

  const leadPath = () => `/api/leads/${encodeURIComponent(state.lead.id)}`;

  function unmaskForm() {
    return actionForm(
      { label: '查看完整信息', fields: [{ name: 'reason', label: '查看事由（将记入审计）' }] },
      {
        lead: state.lead,
        busy: state.busy,
        error: state.error,
        values: state.values,
        onCancel: closeForm,
        onSubmit: ({ reason }, values) =>
          submit(`${leadPath()}/unmask`, { reason }, values, (lead) => show(lead, { unmasked: true })),
      },
    );
  }

  function actionsSection() {
    const defs = availableActions(state.lead);
    const current = defs.find((def) => def.action === state.form);
    return h(
      'section',
      { class: 'detail-section' },
      h('h3', {}, '办理'),
      defs.length === 0 ? h('p', { class: 'muted' }, '当前状态下您没有可执行的办理操作') : null,
      h(
        'div',
        { class: 'action-buttons' },
        defs.map((def) =>
          h(
            'button',
            {
              type: 'button',
              class: def.action === state.form ? 'primary' : 'ghost',
              dataset: { action: def.action },
              onclick: () => {
                state.lastForm = def.action;
                openForm(def.action);
              },
            },
            def.label,
          ),
        ),
      ),
      current
        ? actionForm(current, {
            lead: state.lead,
            busy: state.busy,
            error: state.error,
            values: state.values,
            onCancel: closeForm,
            onSubmit: (body, values) =>
              submit(`${leadPath()}/${current.path ?? 'actions'}`, body, values, (answer) => {
                const lead = current.result ? current.result(answer) : answer;
                show(lead);
                onChange(lead, answer);
                toast(`已${current.label}：${lead.state_zh}`);
                panel.querySelector('#detail-title')?.focus();
              }),
          })
        : null,
    );
  }

  function complainantSection() {
    const canUnmask = UNMASK_ROLES.includes(user.role) && state.lead.complainants?.length > 0;
    return h(
      'section',
      { class: 'detail-section' },
      h('h3', {}, '反映人'),
      complainantTable(state.lead),
      state.unmasked
        ? h('p', { class: 'notice' }, '已显示完整信息，本次查看已记入审计。关闭后恢复脱敏显示。')
        : null,
      !state.unmasked && canUnmask && state.form !== 'unmask'
        ? h(
            'button',
            {
              type: 'button',
              class: 'ghost',
              dataset: { action: 'unmask' },
              onclick: () => {
                state.lastForm = 'unmask';
                openForm('unmask');
              },
            },
            '查看完整信息',
          )
        : null,
      state.form === 'unmask' ? unmaskForm() : null,
    );
  }

  function render() {
    if (!state.lead) return;
    const lead = state.lead;
    replace(
      panel,
      h(
        'header',
        { class: 'detail-head' },
        h('h2', { id: 'detail-title', tabindex: -1 }, lead.title || '（无标题）'),
        h(
          'button',
          { type: 'button', class: 'ghost close', 'aria-label': '关闭详情', onclick: onClose },
          '关闭',
        ),
      ),
      leadBadges(lead),
      leadFacts(lead),
      actionsSection(),
      complainantSection(),
      h('section', { class: 'detail-section' }, h('h3', {}, '反映内容'), descriptions(lead)),
      h('section', { class: 'detail-section' }, h('h3', {}, '来源'), reportList(lead)),
      h('section', { class: 'detail-section' }, h('h3', {}, '办理记录'), workHistory(lead)),
    );
  }

  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !state.form) onClose();
  });

  return {
    element: panel,
    show,
    hide() {
      Object.assign(state, { lead: null, unmasked: false, form: null });
      panel.hidden = true;
      panel.replaceChildren();
    },
    get id() {
      return state.lead?.id ?? null;
    },
  };
}
