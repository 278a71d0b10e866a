import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { emptyRow, table } from './system-table.js';

const DAY_COLUMNS = ['日期', '值班表按', '工作日历', '核对'];
const SPAN_COLUMNS = ['时间', '班次', '主班', '副班', '带班领导'];
const ROSTER_ZH = { workday: '工作日', weekend: '周末', holiday: '节假日' };

function person(who) {
  if (!who) return '—';
  return [who.name, ...who.phones.map((phone) => h('span', { class: 'mono muted small' }, ` ${phone}`))];
}

function calendarText(calendar) {
  if (calendar.holiday) return `休息（${calendar.holiday}）`;
  if (calendar.makeup) return `上班（${calendar.makeup}调休）`;
  return calendar.working ? '上班' : '休息';
}

function dayRow(day) {
  return h(
    'tr',
    { dataset: { date: day.date } },
    h('td', { class: 'nowrap' }, `${day.date} ${day.weekday}`),
    h('td', {}, ROSTER_ZH[day.roster] ?? day.roster, day.makeup ? '（调休上班）' : ''),
    h('td', {}, calendarText(day.calendar)),
    h(
      'td',
      {},
      day.mismatch
        ? h('span', { class: 'warn-tag' }, '值班表与工作日历不一致')
        : h('span', { class: 'muted' }, '一致'),
    ),
  );
}

function spanRow(span, current) {
  return h(
    'tr',
    { 'aria-current': current ? 'true' : undefined },
    h(
      'td',
      { class: 'nowrap' },
      `${dateTime(span.from)} – ${dateTime(span.to)}`,
      current ? [' ', h('span', { class: 'new-tag' }, '当前')] : null,
    ),
    h('td', {}, span.shift ?? h('span', { class: 'bad-tag' }, '无人值班')),
    h('td', {}, person(span.primary)),
    h('td', {}, person(span.secondary)),
    h('td', {}, person(span.leader)),
  );
}

/**
 * 系统 · 值班表 (admin and monitor): who is on duty now and from today through the next 7 days,
 * resolved exactly as alert escalation resolves it (holidays and make-up days from oncall.yaml),
 * each day checked against the working calendar; phones are masked.
 */
export function mountOncall(root, { api }) {
  const now = h('p', { role: 'status' });
  const message = h('p', { class: 'page-message', role: 'alert' });
  const days = h('tbody');
  const spans = h('tbody');

  async function load() {
    try {
      const roster = await api.get('/api/oncall');
      const duty = roster.on_duty;
      replace(
        now,
        duty?.shift
          ? [
              `当前：${duty.shift}（至 ${dateTime(duty.to)}），主班 `,
              person(duty.primary),
              '，副班 ',
              person(duty.secondary),
              '，带班领导 ',
              person(duty.leader),
            ]
          : h('span', { class: 'bad-tag' }, '当前无人值班'),
      );
      replace(days, roster.days.map(dayRow));
      const current = (span) => duty && span.from === duty.from;
      replace(
        spans,
        roster.spans.map((span) => spanRow(span, current(span))),
        roster.spans.length === 0 ? emptyRow(SPAN_COLUMNS, '没有值班安排') : null,
      );
    } catch (error) {
      message.textContent = `值班表加载失败：${error.message}`;
    }
  }

  replace(
    root,
    h(
      'section',
      { class: 'system-section', 'aria-labelledby': 'system-oncall-title' },
      h('h2', { id: 'system-oncall-title' }, '值班表'),
      h(
        'p',
        { class: 'muted small' },
        '按 config/oncall.yaml 排班（节假日与调休以该文件为准），红色、橙色预警未确认时依次升级到副班和带班领导。',
      ),
      message,
      now,
      h('h3', {}, '班次（今天与之后 7 天）'),
      table('oncall-table', SPAN_COLUMNS, spans, '值班班次'),
      h('h3', {}, '日期核对'),
      table('oncall-days', DAY_COLUMNS, days, '值班表与工作日历核对'),
    ),
  );
  load();
  return null;
}
