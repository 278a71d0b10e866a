import { h } from '../dom.js';
import { ALERT_KIND_ZH, count, dateTime, EVENT_STATUS_ZH, LEVEL_RANK, LEVEL_ZH, yuan } from '../format.js';

/** Only links to web pages are shown as links; anything else stays text. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function resolveForm(item, { row, handlers }) {
  const input = h('input', {
    id: `reason-${item.id}`,
    required: true,
    maxlength: 500,
    value: row.reason,
    autocomplete: 'off',
    dataset: { focusKey: `${item.id}:reason` },
    oninput: () => handlers.typing(input.value),
    onkeydown: (event) => {
      if (event.key === 'Escape') handlers.cancelResolve(item);
    },
  });
  return h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim()) handlers.resolve(item, input.value.trim());
        else input.focus();
      },
    },
    h('label', { for: input.id }, '处置情况'),
    input,
    h('button', { type: 'submit', class: 'primary', disabled: row.busy === item.id }, '提交'),
    h('button', { type: 'button', class: 'ghost', onclick: () => handlers.cancelResolve(item) }, '取消'),
  );
}

function actions(item, { canAct, row, handlers }) {
  const busy = row.busy === item.id;
  const disabled = busy || !canAct;
  const title = canAct ? undefined : '仅值班员或管理员可操作';
  const button = (key, label, style, onclick) =>
    h(
      'button',
      { type: 'button', class: style, disabled, title, onclick, dataset: { focusKey: `${item.id}:${key}` } },
      label,
    );
  const ack = button('ack', '确认', 'primary', () => handlers.ack(item));
  const resolve = button('resolve', '处置', 'ghost', () => handlers.openResolve(item));
  const status = h('span', { class: `status-tag status-${item.status}` }, EVENT_STATUS_ZH[item.status] ?? '');
  if (item.status === 'resolved') return [status];
  if (item.status === 'acknowledged') return [status, row.resolving === item.id ? null : resolve];
  return [ack, row.resolving === item.id ? null : resolve];
}

/** One event in the 实时预警 list: level, what happened, where, how big, and what to do. */
export function eventRow(item, context) {
  const { row } = context;
  const link = safeUrl(item.url);
  const meta = [
    item.town ?? '属地未识别',
    `金额 ${yuan(item.amount_yuan)}`,
    `人数 ${count(item.workers, '人')}`,
    `帖子 ${count(item.post_count, '条')}`,
    item.sources?.length ? `来源 ${item.sources.join('、')}` : null,
    `首次 ${dateTime(item.first_seen)}`,
    `最近 ${dateTime(item.last_seen)}`,
  ].filter(Boolean);
  const classes = ['event', `level-${item.level}`, `status-${item.status}`];
  if (item.fresh && item.status === 'open') classes.push('fresh');
  if (item.flash) classes.push('flash');
  return h(
    'li',
    { class: classes.join(' '), dataset: { id: item.id } },
    h('div', { class: 'event-level' }, LEVEL_ZH[item.level] ?? item.level),
    h(
      'div',
      { class: 'event-body' },
      h(
        'div',
        { class: 'event-title' },
        item.fresh && item.kind ? h('span', { class: 'new-tag' }, ALERT_KIND_ZH[item.kind] ?? '新') : null,
        h('strong', {}, item.title || '（无标题）'),
        link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, '原帖') : null,
      ),
      item.summary ? h('p', { class: 'event-summary' }, item.summary) : null,
      h('p', { class: 'event-meta' }, meta.join('　')),
      row.resolving === item.id ? resolveForm(item, context) : null,
      row.errors.has(item.id)
        ? h('p', { class: 'form-error', role: 'alert' }, row.errors.get(item.id))
        : null,
    ),
    h('div', { class: 'event-actions' }, actions(item, context)),
  );
}

/** An alert from the stream as a row of the events list. */
export function fromAlert(alert) {
  return {
    id: alert.event_id,
    level: alert.level,
    title: alert.title,
    summary: alert.summary,
    town: alert.town,
    post_count: alert.posts,
    first_seen: alert.first_seen,
    last_seen: alert.last_seen,
    sources: alert.sources ?? [],
    amount_yuan: alert.amount_yuan,
    workers: alert.workers,
    url: alert.url,
    kind: alert.kind,
    arrived: alert.received_at,
  };
}

/** Live alerts first, newest on top; then by level, then by latest activity. */
export function byUrgency(a, b) {
  return (
    (b.arrived ?? 0) - (a.arrived ?? 0) ||
    (LEVEL_RANK[b.level] ?? 0) - (LEVEL_RANK[a.level] ?? 0) ||
    String(b.last_seen).localeCompare(String(a.last_seen))
  );
}

/** The listed keys of `object` that are set. */
export function pick(object, keys) {
  if (!object) return {};
  return Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
}
