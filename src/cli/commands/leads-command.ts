import { parseArgs } from 'node:util';
import { buildClassifier } from '../../app/build-classifier.ts';
import { buildLeadServices } from '../../app/build-leads.ts';
import { type Actor, ROLES, type Role } from '../../domain/roles.ts';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import { errorMessage, PermanentError } from '../../errors.ts';
import { type ClearanceView, clearanceView } from '../../leads/clearance.ts';
import { LEAD_STATE_ZH, type Lead } from '../../leads/lead-record.ts';
import { LEAD_KIND, loadLeads } from '../../leads/lead-store.ts';
import { leadView } from '../../leads/lead-view.ts';
import { repeatOffenders } from '../../leads/repeat-offenders.ts';
import { createSilentLogger } from '../../logger.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { withConfiguredStore } from '../with-store.ts';

const USAGE = `用法：
  wagewatch leads [--state 状态] [--town 乡镇] [--json]          列出线索（个人信息已脱敏）
  wagewatch leads show 线索编号 [--json]                          查看一条线索
  wagewatch leads show 线索编号 --unmask --by 姓名 --reason 事由    查看完整个人信息（记入审计）
  wagewatch leads act 线索编号 动作 --by 姓名 --role 角色 [--unit 单位] [字段…]
      动作：assign(--town --departments) forward(--to --note) sign return(--reason)
            verify(--note) unfound(--reason) resolve(--paid-yuan --workers-paid --paid-on --note)
            follow_up(--result satisfied|unsatisfied|unreachable --note) close([--note]) reopen(--reason)
  wagewatch leads clearance [--json]                              动态清零：分乡镇、分部门进度，燃尽与预计清零日期
  wagewatch leads offenders [--json]                              回头看：曾欠薪单位与项目，失信名单候选
  wagewatch leads split 线索编号 --reports 来源:编号[,来源:编号…] --by 姓名 --role hr --reason 原因
  wagewatch leads merge 线索编号 --merge 线索编号[,线索编号…] --by 姓名 --role hr --reason 原因
      所列线索并入第一个编号的线索，并入的线索办结并注明「已并入」
`;

/** `wagewatch leads …`: the lead ledger from a terminal, with the same rules and audit as the console. */
export const leadsCommand: Command = async (args, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${errorMessage(error)}\n${USAGE}`);
    return EXIT.config;
  }
  const { values: v, positionals } = parsed;
  const [sub, id, action] = positionals;
  return withConfiguredStore(io, async ({ config, store, segmenter }) => {
    const leads = buildLeadServices(config, store, buildClassifier(config, segmenter), createSilentLogger());
    const write = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, v.json ? 0 : 2)}\n`);
    try {
      if (!sub) {
        const all = (await loadLeads(store))
          .filter((l) => !v.state || l.work.state === v.state)
          .filter((l) => !v.town || (l.work.owner_town ?? l.facts.town) === v.town)
          .sort((a, b) => b.facts.first_received_at.localeCompare(a.facts.first_received_at));
        if (v.json) write(all.map((l) => leadView(l)));
        else if (all.length === 0) io.stdout.write('没有线索\n');
        else for (const l of all) io.stdout.write(`${line(l)}\n`);
        return EXIT.ok;
      }
      if (sub === 'clearance') {
        const view = clearanceView(await loadLeads(store), config.leads.campaign, new Date());
        if (v.json) write(view);
        else io.stdout.write(renderClearance(view));
        return EXIT.ok;
      }
      if (sub === 'offenders') {
        const groups = repeatOffenders(await loadLeads(store), config.leads.blacklist, new Date());
        if (v.json) write(groups);
        else if (groups.length === 0) io.stdout.write('没有回头看对象\n');
        else
          for (const g of groups)
            io.stdout.write(
              `${g.blacklist_candidate ? '【失信名单候选】' : ''}${g.kind === 'company' ? '单位' : '项目'}：${g.name}　线索 ${g.leads.length} 条，已核实 ${g.verified_cases} 起，金额 ${g.total_amount_yuan} 元，涉及 ${g.total_workers} 人${g.basis.length ? `\n  依据：${g.basis.join('；')}` : ''}\n`,
            );
        return EXIT.ok;
      }
      if (!id) return usage(io);
      if (sub === 'show') {
        const lead = await leads.operations.load(id);
        if (v.unmask) {
          if (!v.by?.trim() || !v.reason?.trim()) return usage(io, '查看完整个人信息须填写 --by 和 --reason');
          await store.appendAudit({
            at: toShanghaiIso(new Date()),
            actor: v.by.trim(),
            action: 'lead.unmask',
            target_kind: LEAD_KIND,
            target_id: id,
            reason: v.reason.trim(),
          });
        }
        write(leadView(lead.data, v.unmask));
        return EXIT.ok;
      }
      const actor = actorFrom(v);
      if (!actor) return usage(io, '须填写 --by 姓名 与 --role 角色（unit 角色另需 --unit）');
      if (sub === 'act' && action) {
        const lead = await leads.operations.act(id, actionInput(action, v), actor, v.reason);
        io.stdout.write(`${line(lead)}\n`);
        return EXIT.ok;
      }
      if (sub === 'split' && v.reports) {
        const refs = v.reports.split(',').map((ref) => {
          const at = ref.indexOf(':');
          return { source: ref.slice(0, at), external_id: ref.slice(at + 1) };
        });
        const { kept, split_off } = await leads.operations.split(id, refs, actor, v.reason ?? '');
        io.stdout.write(`${line(kept)}\n${line(split_off)}\n`);
        return EXIT.ok;
      }
      if (sub === 'merge' && v.merge) {
        const { target, merged } = await leads.operations.merge(
          id,
          v.merge.split(/[,，]/),
          actor,
          v.reason ?? '',
        );
        io.stdout.write(`${[target, ...merged].map(line).join('\n')}\n`);
        return EXIT.ok;
      }
      return usage(io);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return EXIT.failure;
    }
  });
};

function renderClearance(view: ClearanceView): string {
  const t = view.totals;
  const rows = (title: string, list: ClearanceView['by_town']) => [
    `${title}：`,
    ...list.map(
      (r) =>
        `  ${r.unit}　线索 ${r.leads}　在办 ${r.open}　已核实未解决 ${r.verified_unresolved}　已清 ${r.cleared}　超期 ${r.overdue}　清零率 ${(r.rate * 100).toFixed(1)}%`,
    ),
  ];
  return [
    `${view.campaign}　截至 ${view.as_of}　清零期限 ${view.deadline}`,
    `线索 ${t.leads}　在办 ${t.open}　已核实未解决 ${t.verified_unresolved}　已清 ${t.cleared}　超期 ${t.overdue}　清零率 ${(t.clearance_rate * 100).toFixed(1)}%`,
    view.projected_zero_date
      ? `按近 ${view.closing_rate.window_days} 天办结速度，预计 ${view.projected_zero_date} 清零（${view.on_track ? '可按期' : '晚于期限'}）`
      : '近期无办结，无法预计清零日期',
    ...rows('分乡镇', view.by_town),
    ...rows('分部门', view.by_department),
    ...(view.behind.length
      ? ['进度滞后：', ...view.behind.map((b) => `  ${b.unit}：${b.reasons.join('；')}`)]
      : []),
    '',
  ].join('\n');
}

function line(lead: Lead): string {
  const view = leadView(lead);
  const figures = [
    view.amount_yuan != null ? `${view.amount_yuan} 元` : null,
    view.workers != null ? `${view.workers} 人` : null,
  ]
    .filter(Boolean)
    .join('，');
  return `${lead.id}　【${view.level_zh}】${LEAD_STATE_ZH[lead.work.state]}　${view.town ?? (view.outside_county ? `县外（${view.outside_county}）` : '属地未识别')} · ${view.title}${figures ? `（${figures}）` : ''}${view.multi_reported ? `　${view.multi_reported}` : ''}${lead.work.due_at ? `　期限 ${lead.work.due_at.slice(0, 10)}` : ''}${lead.work.merged_into ? `　已并入 ${lead.work.merged_into.id}` : ''}`;
}

function actorFrom(v: ReturnType<typeof parse>['values']): Actor | null {
  const name = v.by?.trim();
  const role = v.role as Role | undefined;
  if (!name || !role || !ROLES.includes(role)) return null;
  if (role === 'unit') return v.unit ? { name, role, unit: v.unit } : null;
  return { name, role };
}

function actionInput(action: string, v: ReturnType<typeof parse>['values']): Record<string, unknown> {
  const input: Record<string, unknown> = { action };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) input[key] = value;
  };
  set('town', v.town);
  set('departments', v.departments?.split(','));
  set('to', v.to);
  set('note', v.note);
  if (['return', 'unfound', 'reopen'].includes(action)) set('reason', v.reason);
  set('paid_yuan', v['paid-yuan'] === undefined ? undefined : Number(v['paid-yuan']));
  set('workers_paid', v['workers-paid'] === undefined ? undefined : Number(v['workers-paid']));
  set('paid_on', v['paid-on']);
  set('result', v.result);
  return input;
}

function usage(io: Parameters<Command>[1], why?: string): number {
  io.stderr.write(`${why ? `${why}\n` : ''}${USAGE}`);
  return EXIT.config;
}

function parse(args: readonly string[]) {
  const text = { type: 'string' } as const;
  return parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      unmask: { type: 'boolean', default: false },
      state: text,
      town: text,
      by: text,
      role: text,
      unit: text,
      reason: text,
      reports: text,
      merge: text,
      departments: text,
      to: text,
      note: text,
      'paid-yuan': text,
      'workers-paid': text,
      'paid-on': text,
      result: text,
    },
    allowPositionals: true,
  });
}
