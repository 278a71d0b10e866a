import { withQuery } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, LEVEL_ZH } from '../format.js';
import { createPostDetail, highlighted, postBadges } from './post-detail.js';

const PAGE_SIZE = 20;
const LEVELS = ['red', 'orange', 'yellow', 'blue'];
const SORTS = [
  ['', '默认排序'],
  ['relevance', '相关度'],
  ['newest', '最新发布'],
  ['oldest', '最早发布'],
];

/** `#/search?q=讨薪` opens the page with that search filled in. */
function queryFromHash() {
  const text = location.hash.split('?')[1] ?? '';
  return new URLSearchParams(text).get('q')?.trim() ?? '';
}

/**
 * 舆情检索: everything collected, by Chinese words, days, level, town and 仅线索, a page at a
 * time, the query words marked in each excerpt; a click (or Enter on the title) opens the post
 * with what the rules made of it and the captured copies of the page.
 */
export function mountSearch(root, { api, watcher }) {
  if (!watcher) {
    replace(
      root,
      h(
        'section',
        { class: 'page' },
        h('h1', {}, '舆情检索'),
        h('p', { class: 'muted' }, '舆情检索面向值班、人社、公安和系统管理员。'),
      ),
    );
    return null;
  }
  const state = { filter: {}, page: 1, total: 0, items: [], error: '', loaded: false, busy: false };
  const list = h('ol', { class: 'search-results', 'aria-label': '检索结果' });
  const pager = h('div', { class: 'pager' });
  const summary = h('p', { class: 'muted search-summary', role: 'status' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const layout = h('div', { class: 'leads-layout search-layout' });
  const detail = createPostDetail({ onClose: closeDetail });
  let asked = 0;

  const qInput = h('input', {
    id: 'search-q',
    name: 'q',
    type: 'search',
    maxlength: 200,
    autocomplete: 'off',
    placeholder: '如：讨薪 工资 农民工',
    value: queryFromHash(),
  });
  const sinceInput = h('input', { id: 'search-since', name: 'since', type: 'date' });
  const untilInput = h('input', { id: 'search-until', name: 'until', type: 'date' });
  const levelBoxes = LEVELS.map((level) =>
    h('input', { type: 'checkbox', name: 'level', value: level, id: `search-level-${level}` }),
  );
  const townInput = h('input', { id: 'search-town', name: 'town', maxlength: 40, autocomplete: 'off' });
  const leadsBox = h('input', { type: 'checkbox', id: 'search-leads', name: 'leads' });
  const sortSelect = h(
    'select',
    { id: 'search-sort', name: 'sort' },
    SORTS.map(([value, label]) => h('option', { value }, label)),
  );

  function readForm() {
    return {
      q: qInput.value.trim(),
      since: sinceInput.value,
      until: untilInput.value,
      level: levelBoxes
        .filter((box) => box.checked)
        .map((box) => box.value)
        .join(','),
      town: townInput.value.trim(),
      leads: leadsBox.checked ? '1' : '',
      sort: sortSelect.value,
    };
  }

  async function load(page = state.page) {
    if (state.filter.since && state.filter.until && state.filter.since > state.filter.until) {
      Object.assign(state, { items: [], total: 0, error: '起始日期不能晚于截止日期', loaded: true });
      render();
      return;
    }
    state.busy = true;
    render();
    // Only the latest search may fill the list: an earlier answer arriving late is dropped.
    const ticket = ++asked;
    try {
      const result = await api.get(withQuery('/api/search', { ...state.filter, page, page_size: PAGE_SIZE }));
      if (ticket !== asked) return;
      Object.assign(state, { items: result.items, total: result.total, page: result.page, error: '' });
    } catch (error) {
      if (ticket !== asked) return;
      Object.assign(state, { items: [], total: 0, error: `检索失败：${error.message}` });
    }
    Object.assign(state, { loaded: true, busy: false });
    render();
  }

  async function openDetail(id) {
    try {
      detail.show(await api.get(`/api/posts/${encodeURIComponent(id)}`), { focus: true });
      layout.classList.add('with-detail');
      render();
    } catch (error) {
      message.textContent = `帖子详情加载失败：${error.message}`;
    }
  }

  function closeDetail() {
    const id = detail.id;
    detail.hide();
    layout.classList.remove('with-detail');
    render();
    list.querySelector(`[data-post="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  function item(hit) {
    return h(
      'li',
      { class: `search-hit${hit.id === detail.id ? ' selected' : ''}`, onclick: () => openDetail(hit.id) },
      h(
        'div',
        { class: 'hit-head' },
        h(
          'button',
          { type: 'button', class: 'link hit-title', dataset: { post: hit.id } },
          hit.title || `${hit.source} · ${hit.author || '网友'}`,
        ),
        postBadges(hit),
      ),
      h(
        'div',
        { class: 'hit-meta muted small' },
        h('time', { datetime: hit.published_at }, dateTime(hit.published_at)),
        h('span', {}, `来源 ${hit.source}`),
        h('span', {}, hit.town ?? '属地未识别'),
      ),
      h('p', { class: 'hit-text' }, highlighted(hit.highlight)),
    );
  }

  function render() {
    message.textContent = state.error;
    const level = state.filter.level
      ? state.filter.level
          .split(',')
          .map((name) => LEVEL_ZH[name])
          .join('、')
      : '';
    summary.textContent = state.busy
      ? '正在检索…'
      : state.loaded && !state.error
        ? `共找到 ${state.total} 条${level ? `（${level}）` : ''}`
        : '';
    replace(
      list,
      state.items.map(item),
      state.loaded && !state.busy && state.items.length === 0 && !state.error
        ? h('li', { class: 'empty' }, '没有找到匹配的帖子')
        : null,
    );
    const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
    replace(
      pager,
      h('span', {}, `共 ${state.total} 条　第 ${state.page} / ${pages} 页`),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost',
          disabled: state.busy || state.page <= 1,
          onclick: () => load(state.page - 1),
        },
        '上一页',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost',
          disabled: state.busy || state.page >= pages,
          onclick: () => load(state.page + 1),
        },
        '下一页',
      ),
    );
  }

  const form = h(
    'form',
    {
      class: 'filters search-form',
      role: 'search',
      onsubmit: (event) => {
        event.preventDefault();
        state.filter = readForm();
        load(1);
      },
    },
    h('label', { for: 'search-q' }, '关键词'),
    qInput,
    h('label', { for: 'search-since' }, '起止日期'),
    sinceInput,
    h('span', { class: 'muted', 'aria-hidden': 'true' }, '至'),
    h('label', { for: 'search-until', class: 'visually-hidden' }, '截止日期'),
    untilInput,
    h(
      'fieldset',
      { class: 'level-boxes' },
      h('legend', {}, '等级'),
      levelBoxes.map((box) => h('label', { class: 'check' }, box, LEVEL_ZH[box.value])),
    ),
    h('label', { for: 'search-town' }, '乡镇'),
    townInput,
    h('label', { class: 'check' }, leadsBox, '仅线索'),
    h('label', { for: 'search-sort' }, '排序'),
    sortSelect,
    h('button', { type: 'submit', class: 'primary' }, '检索'),
  );
  // Enter submits from the checkboxes and the select too, not only from the text fields.
  form.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== 'Enter' || event.isComposing) return;
    if (target.type === 'checkbox' || target.tagName === 'SELECT') {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  replace(layout, h('div', { class: 'table-wrap' }, summary, list, pager), detail.element);
  replace(
    root,
    h(
      'section',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', {}, '舆情检索')),
      form,
      message,
      layout,
    ),
  );
  state.filter = readForm();
  render();
  load(1);
  return () => detail.hide();
}
