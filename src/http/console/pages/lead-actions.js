import { field, h } from '../dom.js';
import { today } from '../format.js';

const text = (name, label, extra) => ({ name, label, ...extra });
const FOLLOW_UP_RESULTS = [
  ['satisfied', '满意'],
  ['unsatisfied', '不满意'],
  ['unreachable', '无法联系'],
];

/**
 * What can be done to a lead, from which states and by whom (`owner`: the owning unit), with
 * the fields each needs. It mirrors the server's state machine only to offer the right buttons:
 * the server decides, and its refusal is shown as it words it.
 */
export const LEAD_ACTIONS = [
  {
    action: 'assign',
    label: '分派',
    from: ['new', 'assigned'],
    who: ['admin', 'hr'],
    fields: [text('town', '乡镇（街道、园区）', { list: 'known-towns' })],
  },
  {
    action: 'forward',
    label: '转办',
    from: ['new'],
    who: ['admin', 'hr'],
    fields: [text('to', '转至（县外单位）'), text('note', '转办说明')],
  },
  {
    action: 'sign',
    label: '签收',
    from: ['assigned'],
    who: ['owner'],
    fields: [],
    confirm: '签收后开始计算办理期限。',
  },
  {
    action: 'return',
    label: '退单',
    from: ['assigned'],
    who: ['owner'],
    fields: [text('reason', '退单原因')],
  },
  {
    action: 'verify',
    label: '核实',
    from: ['verifying'],
    who: ['owner', 'hr', 'admin'],
    fields: [text('note', '核实情况说明')],
  },
  {
    action: 'unfound',
    label: '不属实',
    from: ['verifying'],
    who: ['owner', 'hr', 'admin'],
    fields: [text('reason', '认定不属实的原因')],
  },
  {
    action: 'resolve',
    label: '解决',
    from: ['verified'],
    who: ['owner', 'hr', 'admin'],
    fields: [
      text('paid_yuan', '兑付金额（元）', { type: 'number', number: true }),
      text('workers_paid', '兑付人数', { type: 'number', number: true, step: 1 }),
      text('paid_on', '兑付日期', { type: 'date', value: today }),
      text('note', '解决情况说明'),
    ],
  },
  {
    action: 'follow_up',
    label: '回访',
    from: ['resolved'],
    who: ['owner', 'hr', 'admin'],
    fields: [
      text('result', '回访结果', { type: 'select', options: FOLLOW_UP_RESULTS }),
      text('note', '回访情况'),
    ],
  },
  {
    action: 'close',
    label: '办结',
    from: ['resolved', 'unfounded'],
    who: ['hr', 'admin'],
    fields: [text('note', '办结说明', { required: false })],
  },
  {
    action: 'reopen',
    label: '重新打开',
    from: ['resolved', 'closed', 'unfounded'],
    who: ['hr', 'admin'],
    fields: [text('reason', '重新打开的原因')],
  },
];

function owns(user, lead) {
  return (
    user.role === 'unit' && !!user.unit && (lead.town === user.unit || lead.departments?.includes(user.unit))
  );
}

/** The actions to offer this person for this lead in its present state. */
export function availableActions(lead, user) {
  return LEAD_ACTIONS.filter(
    (def) =>
      def.from.includes(lead.state) &&
      (def.who.includes(user.role) || (def.who.includes('owner') && owns(user, lead))),
  );
}

function initial(spec) {
  return typeof spec.value === 'function' ? spec.value() : spec.value;
}

/** The request body from the form: numbers as numbers, empty optional fields left out. */
function bodyOf(def, form) {
  const body = { action: def.action };
  for (const spec of def.fields) {
    const raw = String(form.elements.namedItem(spec.name).value).trim();
    if (raw === '' && spec.required === false) continue;
    body[spec.name] = spec.number && raw !== '' ? Number(raw) : raw;
  }
  return body;
}

/**
 * The small form for one action: its fields (refilled with `values` after a refusal), 确认 and
 * 取消; Enter submits, Escape cancels.
 */
export function actionForm(def, { busy, error, values = {}, onSubmit, onCancel }) {
  const form = h(
    'form',
    {
      class: 'action-form',
      'aria-label': def.label,
      onkeydown: (event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onCancel();
      },
    },
    h('h4', {}, def.label),
    def.confirm ? h('p', { class: 'muted' }, def.confirm) : null,
    def.fields.map((spec) => field({ ...spec, value: values[spec.name] ?? initial(spec) })),
    error ? h('p', { class: 'form-error', role: 'alert' }, error) : null,
    h(
      'div',
      { class: 'form-buttons' },
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: busy },
        busy ? '提交中…' : `确认${def.label}`,
      ),
      h('button', { type: 'button', class: 'ghost', onclick: onCancel }, '取消'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity()) onSubmit(bodyOf(def, form));
  });
  return form;
}
