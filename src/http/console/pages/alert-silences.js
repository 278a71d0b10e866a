import { h, replace, toast } from '../dom.js';
import { dateTime } from '../format.js';

/** The lengths 静默 offers, in minutes (the API takes up to a week; longer is a rule change). */
export const SILENCE_CHOICES = [
  [60, '1小时'],
  [240, '4小时'],
  [1440, '24小时'],
];

/** 静默 on one row: how long and why; the server records who. */
export function silenceForm(item, { row, handlers }) {
  const length = h(
    'select',
    {
      id: `silence-for-${item.id}`,
      onchange: () => handlers.choose(Number(length.value)),
    },
    SILENCE_CHOICES.map(([minutes, label]) => h('option', { value: minutes }, label)),
  );
  length.value = String(row.duration);
  const reason = h('textarea', {
    id: `silence-reason-${item.id}`,
    rows: 2,
    required: true,
    minlength: 2,
    maxlength: 500,
    value: row.reason,
    dataset: { focusKey: `${item.id}:silence-reason` },
    oninput: () => handlers.typing(reason.value),
    onkeydown: (event) => {
      if (event.key === 'Escape') handlers.closeForm(item);
    },
  });
  return h(
    'form',
    {
      class: 'inline-form silence-form',
      onsubmit: (event) => {
        event.preventDefault();
        if (reason.value.trim().length >= 2)
          handlers.silence(item, { duration_minutes: Number(length.value), reason: reason.value.trim() });
        else reason.focus();
      },
    },
    h('label', { for: length.id }, '静默时长'),
    length,
    h('label', { for: reason.id }, '静默原因'),
    reason,
    h('button', { type: 'submit', class: 'primary', disabled: row.busy === item.id }, '开始静默'),
    h('button', { type: 'button', class: 'ghost', onclick: () => handlers.closeForm(item) }, '取消'),
  );
}

function describe(silence, titleOf) {
  if (silence.event_id) return `事件「${titleOf(silence.event_id) ?? silence.event_id}」`;
  if (silence.keyword) return `关键词「${silence.keyword}」`;
  return `来源 ${silence.source}`;
}

/**
 * The active silences under 实时预警, each with 结束; `onChange` is told whenever the list
 * changes, so the rows can show which events are silenced.
 */
export function createSilencesPanel({ api, titleOf, onChange }) {
  let active = [];
  let busy = null;
  const list = h('ul', { class: 'silence-list', 'aria-label': '生效中的静默' });
  const message = h('p', { class: 'form-error', role: 'alert' });
  const element = h('section', { class: 'silences' }, h('h2', {}, '生效中的静默'), message, list);

  function render() {
    replace(
      list,
      active.map((silence) =>
        h(
          'li',
          { dataset: { id: silence.id } },
          h('span', {}, `${describe(silence, titleOf)}　至 ${dateTime(silence.ends_at)}　`),
          h('span', { class: 'muted' }, `${silence.author}：${silence.reason}　`),
          h(
            'button',
            {
              type: 'button',
              class: 'ghost',
              disabled: busy === silence.id,
              'aria-label': `结束静默：${describe(silence, titleOf)}`,
              onclick: () => end(silence),
            },
            '结束',
          ),
        ),
      ),
      active.length === 0 ? h('li', { class: 'muted' }, '当前没有生效的静默') : null,
    );
  }

  async function load() {
    try {
      active = (await api.get('/api/silences')).active ?? [];
      message.textContent = '';
    } catch (error) {
      message.textContent = `静默列表加载失败：${error.message}`;
    }
    render();
    onChange();
  }

  async function end(silence) {
    busy = silence.id;
    render();
    try {
      await api.post(`/api/silences/${encodeURIComponent(silence.id)}/end`, {});
      toast('已结束静默，提醒恢复');
    } catch (error) {
      message.textContent = `结束静默失败：${error.message}`;
    }
    busy = null;
    await load();
  }

  return {
    element,
    load,
    render,
    /** When the active silence naming this event ends, or null. */
    until: (eventId) => active.find((silence) => silence.event_id === eventId)?.ends_at ?? null,
  };
}
