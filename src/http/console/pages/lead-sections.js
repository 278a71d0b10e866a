import { h } from '../dom.js';
import { countdown, dateTime, day, SUPERVISION_ZH, yuan } from '../format.js';

const FOLLOW_UP_ZH = { satisfied: '满意', unsatisfied: '不满意', unreachable: '无法联系' };
const list = (values) => (values?.length ? values.join('、') : '—');

/** 期限: the countdown, coloured by how close it is. */
export function deadlineTag(lead) {
  const due = countdown(lead.due_at, lead.state);
  return h('span', { class: `deadline deadline-${due.tone}` }, due.text);
}

/** The level, state, 多头反映 and supervision badges. */
export function leadBadges(lead) {
  const supervision = SUPERVISION_ZH[lead.supervision?.step];
  return h(
    'div',
    { class: 'badges' },
    h('span', { class: `level-tag level-${lead.level}` }, `${lead.level_zh ?? lead.level}`),
    h('span', { class: `state-tag state-${lead.state}` }, lead.state_zh ?? lead.state),
    lead.multi_reported ? h('span', { class: 'multi-tag' }, lead.multi_reported) : null,
    lead.outside_county ? h('span', { class: 'warn-tag' }, `县外：${lead.outside_county}`) : null,
    supervision ? h('span', { class: 'warn-tag' }, supervision) : null,
    lead.merged?.into ? h('span', { class: 'warn-tag' }, `已并入 ${lead.merged.into.id}`) : null,
    lead.merged?.from?.length
      ? h('span', { class: 'multi-tag' }, `并入 ${lead.merged.from.length} 条线索`)
      : null,
  );
}

/** The facts a person checks first: where, who owns it, how much, how many, by when. */
export function leadFacts(lead) {
  const rows = [
    ['编号', lead.id],
    ['属地', lead.town ?? '属地未识别'],
    ['责任部门', list(lead.departments)],
    ['涉及金额', yuan(lead.amount_yuan)],
    ['涉及人数', lead.workers === null || lead.workers === undefined ? '—' : `${lead.workers} 人`],
    ['涉事企业', list(lead.companies)],
    ['项目', list(lead.projects)],
    ['办理期限', [deadlineTag(lead), lead.due_at ? `（${day(lead.due_at)} 到期）` : '']],
  ];
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

/** 反映人: masked unless the lead was unmasked for a stated reason. */
export function complainantTable(lead) {
  if (!lead.complainants?.length) return h('p', { class: 'muted' }, '无反映人信息');
  return h(
    'table',
    { class: 'mini-table' },
    h('thead', {}, h('tr', {}, h('th', {}, '姓名'), h('th', {}, '电话'), h('th', {}, '身份证号'))),
    h(
      'tbody',
      {},
      lead.complainants.map((person) =>
        h(
          'tr',
          {},
          h('td', {}, person.name ?? '—'),
          h('td', { class: 'mono' }, person.phone ?? '—'),
          h('td', { class: 'mono' }, person.id_number ?? '—'),
        ),
      ),
    ),
  );
}

export function descriptions(lead) {
  if (!lead.descriptions?.length) return h('p', { class: 'muted' }, '无');
  return lead.descriptions.map((text) => h('p', { class: 'description' }, text));
}

export function reportList(lead) {
  return h('ul', { class: 'plain-list' }, [
    ...(lead.reports ?? []).map((report) =>
      h('li', {}, `${dateTime(report.received_at)}　${report.source}　${report.external_id}`),
    ),
    // Reposts past an event's kept posts that said nothing new: counted, not listed.
    ...Object.entries(lead.reposts ?? {}).map(([eventId, count]) =>
      h('li', { class: 'muted' }, `事件 ${eventId} 另有 ${count} 条转发（内容无新增，只计数）`),
    ),
  ]);
}

/** 办理记录: every step taken on the lead, oldest first. */
export function workHistory(lead) {
  const work = lead.work ?? {};
  const entries = [];
  const add = (at, by, text) => entries.push({ at: at ?? '', by, text });
  if (work.signed) add(work.signed.at, work.signed.by, '签收');
  for (const item of work.returns ?? []) add(item.at, item.by, `退单：${item.reason}`);
  if (work.verification) add(work.verification.at, work.verification.by, `核实：${work.verification.note}`);
  if (work.unfounded_reason) add(null, null, `认定不属实：${work.unfounded_reason}`);
  if (work.resolution) {
    const paid = work.resolution;
    add(
      paid.at,
      paid.by,
      `解决：${paid.paid_on} 兑付 ${yuan(paid.paid_yuan)}、${paid.workers_paid} 人；${paid.note}`,
    );
  }
  if (work.follow_up) {
    const visit = work.follow_up;
    add(visit.at, visit.by, `回访（${FOLLOW_UP_ZH[visit.result] ?? visit.result}）：${visit.note}`);
  }
  for (const item of work.reopened ?? []) add(item.at, item.by, `重新打开：${item.reason}`);
  if (work.closed)
    add(work.closed.at, work.closed.by, `办结${work.closed.note ? `：${work.closed.note}` : ''}`);
  if (work.forwarded)
    add(work.forwarded.at, work.forwarded.by, `转办至${work.forwarded.to}：${work.forwarded.note}`);
  if (entries.length === 0) return h('p', { class: 'muted' }, '尚无办理记录');
  entries.sort((a, b) => a.at.localeCompare(b.at));
  return h(
    'ol',
    { class: 'timeline' },
    entries.map((entry) =>
      h(
        'li',
        {},
        h('span', { class: 'muted' }, entry.at ? dateTime(entry.at) : ''),
        ' ',
        entry.by ? h('span', { class: 'by' }, entry.by) : null,
        ' ',
        entry.text,
      ),
    ),
  );
}
