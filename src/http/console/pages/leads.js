import { withQuery } from '../api.js';
import { h, replace } from '../dom.js';
import { LEAD_STATE_ZH, yuan } from '../format.js';
import { createLeadDetail } from './lead-detail.js';
import { createExportRequests } from './lead-exports.js';
import { deadlineTag } from './lead-sections.js';
import { createLeadTools } from './lead-tools.js';

const PAGE_SIZE = 20;
const COLUMNS = ['线索', '等级', '状态', '属地', '金额', '人数', '反映人', '期限'];
const ORGANIZERS = ['admin', 'hr'];
const EXPORTERS = ['admin', 'hr', 'unit'];

function complainantCell(lead) {
  const [first, ...more] = lead.complainants ?? [];
  if (!first) return '—';
  const who = [first.name, first.phone].filter(Boolean).join(' ');
  return more.length ? `${who} 等 ${more.length + 1} 人` : who;
}

/**
 * 线索台账: the leads this person may see, filtered by state and town, a page at a time, with
 * the 期限 countdown; a click (or Enter on the title) opens the detail panel beside the table.
 */
export function mountLeads(root, { api, user }) {
  const state = { filter: { state: '', town: '' }, page: 1, total: 0, items: [], error: '', loaded: false };
  // Ticked for 批量分派; kept across pages so a morning's new leads can be gathered page by page.
  const ticked = new Set();
  const canTick = ORGANIZERS.includes(user.role);
  const columns = canTick ? ['', ...COLUMNS] : COLUMNS;
  const towns = new Set(user.unit ? [user.unit] : []);
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const townList = h('datalist', { id: 'known-towns' });
  const layout = h('div', { class: 'leads-layout' });
  const detail = createLeadDetail({
    api,
    user,
    onChange: (lead, answer) => {
      // A merge or split changes other leads too: read the page again.
      if (answer?.merged || answer?.split_off) return load();
      state.items = state.items.map((item) => (item.id === lead.id ? lead : item));
      renderRows();
    },
    onClose: closeDetail,
  });
  const stateSelect = h(
    'select',
    { id: 'lead-state', name: 'state' },
    h('option', { value: '' }, '全部状态'),
    Object.entries(LEAD_STATE_ZH).map(([value, label]) => h('option', { value }, label)),
  );
  const townInput = h('input', { id: 'lead-town', name: 'town', list: 'known-towns', autocomplete: 'off' });

  const exportRequests = createExportRequests({ api });
  const tools = createLeadTools({
    api,
    user,
    filter: () => ({
      ...(state.filter.state ? { state: state.filter.state } : {}),
      ...(state.filter.town ? { town: state.filter.town } : {}),
    }),
    selected: () => [...ticked],
    onAssigned: () => {
      ticked.clear();
      load();
    },
    onRequested: () => exportRequests.load(),
  });

  function tickBox(lead) {
    return h(
      'td',
      { onclick: (event) => event.stopPropagation() },
      h('input', {
        type: 'checkbox',
        'aria-label': `选择 ${lead.title || lead.id}`,
        dataset: { tick: lead.id },
        checked: ticked.has(lead.id),
        onchange: (event) => {
          if (event.target.checked) ticked.add(lead.id);
          else ticked.delete(lead.id);
          tools.render();
        },
      }),
    );
  }

  async function load(page = state.page) {
    const query = { ...state.filter, page, page_size: PAGE_SIZE };
    try {
      const result = await api.get(withQuery('/api/leads', query));
      Object.assign(state, { items: result.items, total: result.total, page: result.page, error: '' });
      for (const lead of result.items) if (lead.town) towns.add(lead.town);
    } catch (error) {
      Object.assign(state, { items: [], total: 0, error: `线索加载失败：${error.message}` });
    }
    state.loaded = true;
    renderRows();
  }

  async function openDetail(id) {
    try {
      detail.show(await api.get(`/api/leads/${encodeURIComponent(id)}`), { focus: true });
      layout.classList.add('with-detail');
      renderRows();
    } catch (error) {
      message.textContent = `线索详情加载失败：${error.message}`;
    }
  }

  function closeDetail() {
    const id = detail.id;
    detail.hide();
    layout.classList.remove('with-detail');
    renderRows();
    body.querySelector(`[data-lead="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  function row(lead) {
    return h(
      'tr',
      { class: lead.id === detail.id ? 'selected' : '', onclick: () => openDetail(lead.id) },
      canTick ? tickBox(lead) : null,
      h(
        'td',
        { class: 'title-cell' },
        h(
          'button',
          { type: 'button', class: 'link', dataset: { lead: lead.id } },
          lead.title || '（无标题）',
        ),
        lead.multi_reported ? h('span', { class: 'multi-tag' }, lead.multi_reported) : null,
        lead.merged?.into ? h('span', { class: 'warn-tag' }, `已并入 ${lead.merged.into.id}`) : null,
      ),
      h('td', {}, h('span', { class: `level-tag level-${lead.level}` }, lead.level_zh ?? lead.level)),
      h('td', {}, h('span', { class: `state-tag state-${lead.state}` }, lead.state_zh ?? lead.state)),
      h('td', {}, lead.town ?? '属地未识别'),
      h('td', { class: 'num' }, yuan(lead.amount_yuan)),
      h('td', { class: 'num' }, lead.workers ?? '—'),
      h('td', { class: 'mono' }, complainantCell(lead)),
      h('td', {}, deadlineTag(lead)),
    );
  }

  function renderRows() {
    message.textContent = state.error;
    tools.render();
    replace(
      townList,
      [...towns].sort().map((town) => h('option', { value: town })),
    );
    replace(
      body,
      state.items.map(row),
      state.loaded && state.items.length === 0 && !state.error
        ? h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, '没有符合条件的线索'))
        : null,
    );
    const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
    replace(
      pager,
      h('span', {}, `共 ${state.total} 条　第 ${state.page} / ${pages} 页`),
      h(
        'button',
        { type: 'button', class: 'ghost', disabled: state.page <= 1, onclick: () => load(state.page - 1) },
        '上一页',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost',
          disabled: state.page >= pages,
          onclick: () => load(state.page + 1),
        },
        '下一页',
      ),
    );
  }

  const filters = h(
    'form',
    {
      class: 'filters',
      onsubmit: (event) => {
        event.preventDefault();
        state.filter = { state: stateSelect.value, town: townInput.value.trim() };
        load(1);
      },
    },
    h('label', { for: 'lead-state' }, '状态'),
    stateSelect,
    h('label', { for: 'lead-town' }, '乡镇'),
    townInput,
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    h(
      'button',
      {
        type: 'button',
        class: 'ghost',
        onclick: () => {
          stateSelect.value = '';
          townInput.value = '';
          state.filter = { state: '', town: '' };
          load(1);
        },
      },
      '重置',
    ),
  );
  const table = h(
    'table',
    { class: 'data-table leads-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((name) => h('th', { scope: 'col' }, name)),
      ),
    ),
    body,
  );
  replace(layout, h('div', { class: 'table-wrap' }, table, pager), detail.element);
  replace(
    root,
    h(
      'section',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', {}, '线索台账')),
      filters,
      tools.element,
      message,
      layout,
      exportRequests.element,
      townList,
    ),
  );
  renderRows();
  load(1);
  if (EXPORTERS.includes(user.role)) exportRequests.load();
  return () => detail.hide();
}
