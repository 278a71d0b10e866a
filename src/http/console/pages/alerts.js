import { FEED_STATUS_ZH } from '../alert-feed.js';
import { withQuery } from '../api.js';
import { audioReady, beep, isMuted, setMuted, unlockAudio } from '../beep.js';
import { h, replace } from '../dom.js';
import { LEVEL_ZH } from '../format.js';
import { createRowHandlers } from './alert-actions.js';
import { createSilencesPanel } from './alert-silences.js';
import { byUrgency, eventRow, fromAlert, pick } from './event-row.js';

const FRESH_MS = 30_000;
const PAGE_SIZE = 50;
const ACTING_ROLES = ['admin', 'monitor'];

/**
 * 实时预警: the open events, filtered and paged by the server, with the stream's alerts pinned
 * on top as they come (a red one highlighted until someone acknowledges it); 确认 / 处置 / 升级 /
 * 静默 on each row, and the active silences below.
 */
export function mountAlerts(root, { api, user, feed, watcher }) {
  if (!watcher) {
    replace(
      root,
      h(
        'section',
        { class: 'page' },
        h('h1', {}, '实时预警'),
        h(
          'p',
          { class: 'muted' },
          '实时预警面向值班、人社、公安和系统管理员；责任单位请在「线索台账」办理本单位线索。',
        ),
      ),
    );
    return null;
  }
  const state = {
    items: new Map(),
    level: '',
    town: '',
    q: '',
    all: false,
    page: 1,
    total: 0,
    error: '',
    loaded: false,
  };
  const row = { form: null, reason: '', duration: 60, busy: null, errors: new Map() };
  const canAct = ACTING_ROLES.includes(user.role);
  const towns = new Set();
  let loads = 0;
  const silences = canAct
    ? createSilencesPanel({
        api,
        titleOf: (id) => state.items.get(id)?.title ?? null,
        onChange: () => render(),
      })
    : null;
  const timers = new Set();
  const list = h('ul', { class: 'event-list', 'aria-label': '事件列表' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const pill = h('span', { class: 'feed-pill' });
  const soundButton = h('button', { type: 'button', class: 'ghost', onclick: toggleSound });
  const soundHint = h('span', { class: 'muted small' });
  const levelSelect = h(
    'select',
    { id: 'alert-level', onchange: () => filter({ level: levelSelect.value }) },
    h('option', { value: '' }, '全部等级'),
    ['red', 'orange', 'yellow', 'blue'].map((level) => h('option', { value: level }, LEVEL_ZH[level])),
  );
  const townSelect = h('select', { id: 'alert-town', onchange: () => filter({ town: townSelect.value }) });
  const wordsBox = h('input', {
    id: 'alert-q',
    type: 'search',
    autocomplete: 'off',
    placeholder: '标题或摘要中的词',
    onchange: () => filter({ q: wordsBox.value.trim() }),
  });
  const allBox = h('input', {
    type: 'checkbox',
    id: 'alert-all',
    onchange: () => filter({ all: allBox.checked }),
  });
  const pageButton = (label, delta) =>
    h('button', { type: 'button', class: 'ghost', onclick: () => load(state.page + delta) }, label);
  const previous = pageButton('上一页', -1);
  const next = pageButton('下一页', 1);
  const pageInfo = h('span', { role: 'status' });

  /** Filters apply at once to what is shown (live alerts too), then the server is asked again. */
  function filter(change) {
    Object.assign(state, change);
    render();
    load(1);
  }

  function toggleSound() {
    unlockAudio();
    setMuted(!isMuted());
    if (!isMuted()) setTimeout(beep, 50);
    render();
  }

  function upsert(alert, flash = false) {
    const existing = state.items.get(alert.event_id);
    const item = { ...existing, ...fromAlert(alert), status: existing?.status ?? 'open', fresh: true, flash };
    state.items.set(item.id, item);
    if (item.town) towns.add(item.town);
    if (item.level !== 'red') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // A reload in between replaced the row object: clear whichever holds the id now.
        const current = state.items.get(item.id);
        if (current) current.fresh = false;
        render();
      }, FRESH_MS);
      timers.add(timer);
    }
  }

  async function load(page = state.page) {
    const mine = ++loads;
    const query = {
      status: state.all ? 'all' : '',
      level: state.level,
      town: state.town,
      q: state.q,
      page,
      page_size: PAGE_SIZE,
    };
    try {
      const result = await api.get(withQuery('/api/events', query));
      if (mine !== loads) return;
      const last = Math.max(1, Math.ceil((result.total ?? 0) / PAGE_SIZE));
      // The page emptied (events resolved meanwhile): show the last one that has any.
      if (page > last) return load(last);
      const live = state.items;
      state.items = new Map();
      for (const event of result.items ?? []) {
        const before = live.get(event.id);
        state.items.set(event.id, { ...event, ...pick(before, ['arrived', 'kind', 'fresh', 'url']) });
        if (event.town) towns.add(event.town);
      }
      Object.assign(state, { page, total: result.total ?? 0, error: '' });
    } catch (error) {
      if (mine !== loads) return;
      state.error = `事件列表加载失败：${error.message}`;
    }
    if (state.page === 1)
      for (const alert of feed.recent().reverse()) if (!state.items.has(alert.event_id)) upsert(alert);
    state.loaded = true;
    render();
  }

  const handlers = createRowHandlers({ api, row, render, silences });

  function renderTowns() {
    // Towns seen so far on any page: the server filters, so the current page alone would hide them.
    const known = [...towns].sort();
    const wanted = ['', ...known].join('|');
    if (townSelect.dataset.towns === wanted) return;
    townSelect.dataset.towns = wanted;
    replace(
      townSelect,
      h('option', { value: '' }, '全部乡镇'),
      known.map((town) => h('option', { value: town }, town)),
    );
    townSelect.value = state.town;
  }

  function render(focusKey = document.activeElement?.dataset?.focusKey) {
    pill.textContent = FEED_STATUS_ZH[feed.status] ?? '';
    pill.dataset.status = feed.status;
    soundButton.textContent = isMuted() ? '声音提示：关' : '声音提示：开';
    soundButton.setAttribute('aria-pressed', String(!isMuted()));
    soundHint.textContent = !isMuted() && !audioReady() ? '点击页面任意处以启用声音' : '';
    message.textContent = state.error;
    renderTowns();
    const shown = [...state.items.values()]
      .filter((item) => !state.level || item.level === state.level)
      .filter((item) => !state.town || item.town === state.town)
      .filter(
        (item) =>
          !state.q ||
          `${item.title ?? ''}${item.summary ?? ''}`.toLowerCase().includes(state.q.toLowerCase()),
      )
      .sort(byUrgency);
    for (const item of shown) item.silencedUntil = silences?.until(item.id) ?? null;
    const filtered = state.all || state.level || state.town || state.q;
    replace(
      list,
      shown.map((item) => eventRow(item, { canAct, row, handlers })),
      state.loaded && shown.length === 0 && !state.error
        ? h('li', { class: 'empty' }, filtered ? '没有符合条件的事件' : '当前没有待处置的事件')
        : null,
    );
    const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
    pageInfo.textContent = `共 ${state.total} 条　第 ${state.page} / ${pages} 页`;
    previous.disabled = state.page <= 1;
    next.disabled = state.page >= pages;
    for (const item of shown) item.flash = false;
    if (focusKey) list.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  const unsubscribe = feed.subscribe((alert, { resync }) => {
    if (resync) return load();
    upsert(alert, true);
    render();
  });
  const unwatch = feed.onStatus(() => render());

  replace(
    root,
    h(
      'section',
      { class: 'page' },
      h('header', { class: 'page-head' }, h('h1', {}, '实时预警'), pill, soundButton, soundHint),
      h(
        'div',
        { class: 'filters' },
        h('label', { for: 'alert-level' }, '等级'),
        levelSelect,
        h('label', { for: 'alert-town' }, '乡镇'),
        townSelect,
        h('label', { for: 'alert-q' }, '关键词'),
        wordsBox,
        h('label', { class: 'check' }, allBox, '含已处置'),
        h(
          'button',
          {
            type: 'button',
            class: 'ghost',
            onclick: () => {
              load();
              silences?.load();
            },
          },
          '刷新',
        ),
      ),
      canAct ? null : h('p', { class: 'muted' }, '当前角色只能查看；确认与处置由值班员或管理员操作。'),
      message,
      list,
      h('div', { class: 'pager' }, pageInfo, previous, next),
      silences?.element,
    ),
  );
  render();
  load();
  silences?.load();
  return () => {
    unsubscribe();
    unwatch();
    for (const timer of timers) clearTimeout(timer);
  };
}
