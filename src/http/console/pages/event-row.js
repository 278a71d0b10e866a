import { h } from '../dom.js';
import { ALERT_KIND_ZH, count, dateTime, EVENT_STATUS_ZH, LEVEL_RANK, LEVEL_ZH, yuan } from '../format.js';
import { silenceForm } from './alert-silences.js';

/** Only links to web pages are shown as links; anything else stays text. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The row forms that ask for a reason: 处置 (what was done) and 升级 (why page the next now). */
const REASON_FORMS = {
  resolve: { id: 'reason', label: '处置情况', submit: '提交', focus: 'reason', minlength: 1 },
  escalate: {
    id: 'escalate-reason',
    label: '升级原因',
    submit: '立即升级',
    focus: 'escalate-reason',
    minlength: 2,
  },
};

/** Where the focus goes when a row's form opens. */
export function formFocusKey(item, kind) {
  return `${item.id}:${kind === 'silence' ? 'silence-reason' : REASON_FORMS[kind].focus}`;
}

function reasonForm(item, kind, { row, handlers }) {
  const form = REASON_FORMS[kind];
  const input = h('input', {
    id: `${form.id}-${item.id}`,
    required: true,
    minlength: form.minlength,
    maxlength: 500,
    value: row.reason,
    autocomplete: 'off',
    dataset: { focusKey: `${item.id}:${form.focus}` },
    oninput: () => handlers.typing(input.value),
    onkeydown: (event) => {
      if (event.key === 'Escape') handlers.closeForm(item);
    },
  });
  return h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event) => {
        event.preventDefault();
        if (input.value.trim().length >= form.minlength) handlers[kind](item, input.value.trim());
        else input.focus();
      },
    },
    h('label', { for: input.id }, form.label),
    input,
    h('button', { type: 'submit', class: 'primary', disabled: row.busy === item.id }, form.submit),
    h('button', { type: 'button', class: 'ghost', onclick: () => handlers.closeForm(item) }, '取消'),
  );
}

function openForm(item, context) {
  const kind = context.row.form?.id === item.id ? context.row.form.kind : null;
  if (!kind || item.status === 'resolved' || (kind === 'escalate' && item.status !== 'open')) return null;
  return kind === 'silence' ? silenceForm(item, context) : reasonForm(item, kind, context);
}

function actions(item, { canAct, row, handlers }) {
  const busy = row.busy === item.id;
  const disabled = busy || !canAct;
  const title = canAct ? undefined : '仅值班员或管理员可操作';
  const showing = (kind) => row.form?.id === item.id && row.form.kind === kind;
  const button = (key, label, style, onclick) =>
    h(
      'button',
      { type: 'button', class: style, disabled, title, onclick, dataset: { focusKey: `${item.id}:${key}` } },
      label,
    );
  const opener = (kind, label) =>
    showing(kind) ? null : button(kind, label, 'ghost', () => handlers.openForm(item, kind));
  const ack = button('ack', '确认', 'primary', () => handlers.ack(item));
  // 升级 and 静默 are for those who act; the others see 确认/处置 greyed out, as before.
  const escalate = canAct ? opener('escalate', '升级') : null;
  const silence = canAct ? opener('silence', '静默') : null;
  const status = h('span', { class: `status-tag status-${item.status}` }, EVENT_STATUS_ZH[item.status] ?? '');
  if (item.status === 'resolved') return [status];
  if (item.status === 'acknowledged') return [status, opener('resolve', '处置'), silence];
  return [ack, opener('resolve', '处置'), escalate, silence];
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
        item.silencedUntil
          ? h('span', { class: 'muted small' }, `已静默至 ${dateTime(item.silencedUntil)}`)
          : null,
        link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, '原帖') : null,
      ),
      item.summary ? h('p', { class: 'event-summary' }, item.summary) : null,
      h('p', { class: 'event-meta' }, meta.join('　')),
      openForm(item, context),
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
