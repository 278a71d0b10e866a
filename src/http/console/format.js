/** Labels and formats the pages share; the server's own Chinese labels win where it sends them. */
export const LEVEL_ZH = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色', none: '无等级' };
export const LEVEL_RANK = { red: 4, orange: 3, yellow: 2, blue: 1, none: 0 };
export const EVENT_STATUS_ZH = { open: '待确认', acknowledged: '已确认', resolved: '已处置' };
export const ALERT_KIND_ZH = {
  raised: '新预警',
  level_up: '预警升级',
  repeat: '持续关注',
  escalated: '未确认升级提醒',
};
export const ROLE_ZH = {
  admin: '系统管理员',
  monitor: '舆情值班',
  hr: '人社局',
  unit: '责任单位',
  police: '公安',
};
export const LEAD_STATE_ZH = {
  new: '待分派',
  assigned: '已分派',
  verifying: '核查中',
  verified: '已核实',
  unfounded: '不属实',
  resolved: '已解决',
  closed: '已办结',
};
export const OPEN_LEAD_STATES = ['new', 'assigned', 'verifying', 'verified'];
export const SUPERVISION_ZH = { none: null, reminder: '已提醒', supervision: '已督办', listed: '挂牌督办' };

const DAY_MS = 86_400_000;

/** `3.5 万元` / `800 元` / `—`, as the alert messages write it. */
export function yuan(value) {
  if (value === null || value === undefined) return '—';
  if (value >= 10_000) return `${Number((value / 10_000).toFixed(1))} 万元`;
  return `${Math.round(value)} 元`;
}

export function count(value, unit) {
  return value === null || value === undefined ? '—' : `${value} ${unit}`;
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

const stamp = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dayOnly = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `11-26 10:05` in Beijing time. */
export function dateTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : stamp.format(date).replace(/\//g, '-');
}

export function day(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayOnly.format(date).replace(/\//g, '-');
}

/** Today as `YYYY-MM-DD` in Beijing time, for date fields. */
export function today() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The 期限 column: days left until `due_at`, or how many days overdue, for a lead still being
 * worked; a part day counts as a day.
 */
export function countdown(dueAt, state, now = Date.now()) {
  if (!OPEN_LEAD_STATES.includes(state)) return { text: '—', tone: 'none' };
  if (!dueAt) return { text: state === 'assigned' ? '未签收' : '—', tone: 'none' };
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) return { text: `已逾期 ${Math.ceil(-left / DAY_MS)} 天`, tone: 'over' };
  const days = Math.ceil(left / DAY_MS);
  return { text: `剩 ${days} 天`, tone: days <= 2 ? 'warn' : 'ok' };
}
