import { field, h } from '../dom.js';
import { today } from '../format.js';

const text = (name, label, extra) => ({ name, label, ...extra });
const FOLLOW_UP_RESULTS = [
  ['satisfied', '满意'],
  ['unsatisfied', '不满意'],
  ['unreachable', '无法联系'],
];

const refs = (raw) =>
  String(raw)
    .split(/[\s,，、]+/)
    .filter(Boolean);

/**
 * What can be done to a lead, with the fields each needs. Which of them a person is offered
 * comes from the server (`allowed_actions`), which decides again on every request and words any
 * refusal. Most go to `…/actions`; merging and splitting have their own routes (`path`), and
 * `fields` may depend on the lead (the reports to split off).
 */
export const LEAD_ACTIONS = [
  {
    action: 'assign',
    label: '分派',
    fields: [text('town', '乡镇（街道、园区）', { list: 'known-towns' })],
  },
  {
    action: 'forward',
    label: '转办',
    fields: [text('to', '转至（县外单位）'), text('note', '转办说明')],
  },
  {
    action: 'sign',
    label: '签收',
    fields: [],
    confirm: '签收后开始计算办理期限。',
  },
  {
    action: 'return',
    label: '退单',
    fields: [text('reason', '退单原因')],
  },
  {
    action: 'verify',
    label: '核实',
    fields: [text('note', '核实情况说明')],
  },
  {
    action: 'unfound',
    label: '不属实',
    fields: [text('reason', '认定不属实的原因')],
  },
  {
    action: 'resolve',
    label: '解决',
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
    fields: [
      text('result', '回访结果', { type: 'select', options: FOLLOW_UP_RESULTS }),
      text('note', '回访情况'),
    ],
  },
  {
    action: 'close',
    label: '办结',
    fields: [text('note', '办结说明', { required: false })],
  },
  {
    action: 'reopen',
    label: '重新打开',
    fields: [text('reason', '重新打开的原因')],
  },
  {
    action: 'merge',
    label: '合并',
    path: 'merge',
    fields: [
      text('merge', '并入本线索的线索编号', {
        hint: '多个编号用逗号或空格分隔；并入的线索将办结并注明「已并入」',
      }),
      text('reason', '合并原因'),
    ],
    toBody: (values) => ({ merge: refs(values.merge), reason: values.reason }),
    result: (answer) => answer.target,
  },
  {
    action: 'split',
    label: '拆分',
    path: 'split',
    fields: (lead) => [
      text('reports', '拆出的来源记录', {
        type: 'checks',
        options: lead.reports.map((r) => [`${r.source}\n${r.external_id}`, `${r.source} ${r.external_id}`]),
      }),
      text('reason', '拆分原因'),
    ],
    toBody: (values) => ({
      reports: values.reports.map((ref) => {
        const [source, external_id] = ref.split('\n');
        return { source, external_id };
      }),
      reason: values.reason,
    }),
    result: (answer) => answer.kept,
  },
];

/** The actions to offer this person for this lead now: those the server lists as allowed. */
export function availableActions(lead) {
  const allowed = new Set(lead.allowed_actions ?? []);
  return LEAD_ACTIONS.filter((def) => allowed.has(def.action));
}

function initial(spec) {
  return typeof spec.value === 'function' ? spec.value() : spec.value;
}

/** Each field's value from the form: numbers as numbers, ticked boxes as a list, empty optional fields left out. */
function valuesOf(fields, form) {
  const values = {};
  for (const spec of fields) {
    if (spec.type === 'checks') {
      values[spec.name] = [...form.querySelectorAll(`input[name="${spec.name}"]:checked`)].map(
        (box) => box.value,
      );
      continue;
    }
    const raw = String(form.elements.namedItem(spec.name).value).trim();
    if (raw === '' && spec.required === false) continue;
    values[spec.name] = spec.number && raw !== '' ? Number(raw) : raw;
  }
  return values;
}

/** The fields of `def` for `lead`. */
export function fieldsOf(def, lead) {
  return typeof def.fields === 'function' ? def.fields(lead) : def.fields;
}

/**
 * The small form for one action: its fields (refilled with `values` after a refusal), 确认 and
 * 取消; Enter submits, Escape cancels.
 */
export function actionForm(def, { lead, busy, error, values = {}, onSubmit, onCancel }) {
  const fields = fieldsOf(def, lead);
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
    fields.map((spec) => field({ ...spec, value: values[spec.name] ?? initial(spec) })),
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
    if (!form.reportValidity()) return;
    const values = valuesOf(fields, form);
    onSubmit(
      def.toBody ? def.toBody(values) : { ...(def.action ? { action: def.action } : {}), ...values },
      values,
    );
  });
  return form;
}
