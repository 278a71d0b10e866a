import { FEED_STATUS_ZH } from '../alert-feed.js';
import { withQuery } from '../api.js';
import { audioReady, beep, isMuted, setMuted, unlockAudio } from '../beep.js';
import { h, replace } from '../dom.js';
import { LEVEL_ZH } from '../format.js';
import { byUrgency, eventRow, fromAlert, pick } from './event-row.js';

const FRESH_MS = 30_000;
const ACTING_ROLES = ['admin', 'monitor'];

/**
 * 实时预警: the open events, with the stream's alerts pinned on top as they come (a red one
 * highlighted until someone acknowledges it), filters by level and town, and 确认 / 处置.
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
  const state = { items: new Map(), level: '', town: '', all: false, error: '', loaded: false };
  const row = { resolving: null, reason: '', busy: null, errors: new Map() };
  const canAct = ACTING_ROLES.includes(user.role);
  const timers = new Set();
  const list = h('ul', { class: 'event-list', 'aria-label': '事件列表' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const pill = h('span', { class: 'feed-pill' });
  const soundButton = h('button', { type: 'button', class: 'ghost', onclick: toggleSound });
  const soundHint = h('span', { class: 'muted small' });
  const levelSelect = h(
    'select',
    { id: 'alert-level', onchange: () => update({ level: levelSelect.value }) },
    h('option', { value: '' }, '全部等级'),
    ['red', 'orange', 'yellow', 'blue'].map((level) => h('option', { value: level }, LEVEL_ZH[level])),
  );
  const townSelect = h('select', { id: 'alert-town', onchange: () => update({ town: townSelect.value }) });
  const allBox = h('input', { type: 'checkbox', id: 'alert-all', onchange: () => load(allBox.checked) });

  function update(change) {
    Object.assign(state, change);
    render();
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

  async function load(all = state.all) {
    state.all = all;
    try {
      const result = await api.get(withQuery('/api/events', { status: all ? 'all' : 'open' }));
      const live = state.items;
      state.items = new Map();
      for (const event of result.items ?? []) {
        const before = live.get(event.id);
        state.items.set(event.id, { ...event, ...pick(before, ['arrived', 'kind', 'fresh', 'url']) });
      }
      state.error = '';
    } catch (error) {
      state.error = `事件列表加载失败：${error.message}`;
    }
    for (const alert of feed.recent().reverse()) if (!state.items.has(alert.event_id)) upsert(alert);
    state.loaded = true;
    render();
  }

  async function act(item, action, body) {
    row.busy = item.id;
    row.errors.delete(item.id);
    render();
    try {
      const result = await api.post(`/api/events/${encodeURIComponent(item.id)}/${action}`, body);
      item.status = result.status;
      item.fresh = false;
      if (action === 'resolve') row.resolving = null;
    } catch (error) {
      row.errors.set(item.id, error.message);
    }
    row.busy = null;
    render();
  }

  const handlers = {
    ack: (item) => act(item, 'ack', {}),
    openResolve: (item) => {
      row.resolving = item.id;
      row.reason = '';
      render(`${item.id}:reason`);
    },
    cancelResolve: (item) => {
      row.resolving = null;
      render(`${item.id}:resolve`);
    },
    resolve: (item, reason) => act(item, 'resolve', { reason }),
    typing: (text) => {
      row.reason = text;
    },
  };

  function renderTowns() {
    const towns = [...new Set([...state.items.values()].map((item) => item.town).filter(Boolean))].sort();
    const wanted = ['', ...towns].join('|');
    if (townSelect.dataset.towns === wanted) return;
    townSelect.dataset.towns = wanted;
    replace(
      townSelect,
      h('option', { value: '' }, '全部乡镇'),
      towns.map((town) => h('option', { value: town }, town)),
    );
    townSelect.value = towns.includes(state.town) ? state.town : '';
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
      .sort(byUrgency);
    replace(
      list,
      shown.map((item) => eventRow(item, { canAct, row, handlers })),
      state.loaded && shown.length === 0 && !state.error
        ? h('li', { class: 'empty' }, state.all ? '没有符合条件的事件' : '当前没有待处置的事件')
        : null,
    );
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
        h('label', { class: 'check' }, allBox, '含已处置'),
        h('button', { type: 'button', class: 'ghost', onclick: () => load() }, '刷新'),
      ),
      canAct ? null : h('p', { class: 'muted' }, '当前角色只能查看；确认与处置由值班员或管理员操作。'),
      message,
      list,
    ),
  );
  render();
  load();
  return () => {
    unsubscribe();
    unwatch();
    for (const timer of timers) clearTimeout(timer);
  };
}
