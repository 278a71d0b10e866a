import { LEVEL_NAMES_ZH, RISKS } from '../domain/classification.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import type { LeadFigures } from './report-figures.ts';
import { roundTo } from './report-figures.ts';
import type { HeadlineFigure } from './report-model.ts';

type EventLevel = 'red' | 'orange' | 'yellow' | 'blue';
type Key = HeadlineFigure['key'];

/** Every headline value of one period. */
export interface PeriodTotals extends LeadFigures {
  to_police: number;
  blacklist_candidates: number;
  events: Record<EventLevel, number>;
}

/** What the definitions quote from the configuration. */
export interface DefinitionContext {
  campaign: LeadsConfig['campaign'];
  blacklist: LeadsConfig['blacklist'];
}

interface Spec {
  key: Key;
  label: string;
  unit: HeadlineFigure['unit'];
  value: (totals: PeriodTotals) => number;
  definition: string;
}

const EVENT_LEVELS: readonly EventLevel[] = ['red', 'orange', 'yellow', 'blue'];
const RISK_ZH = { mass_gathering: '引发群体聚集', extreme: '引发极端事件', criminal: '涉嫌犯罪' } as const;
const DAYS = '统计期按北京时间自然日计（起日0时至止日24时）';
const STATE_NOW = '办理状态按报告生成时计，往期数字随之反映当前状态';

/** The headline figures in print order, each with last period's value and its definition. */
export function headlineFigures(
  current: PeriodTotals,
  previous: PeriodTotals,
  context: DefinitionContext,
): HeadlineFigure[] {
  return specs(context).map(({ key, label, unit, value, definition }) => {
    const now = value(current);
    const before = value(previous);
    return { key, label, value: now, previous: before, change: roundTo(now - before, 2), unit, definition };
  });
}

function specs({ campaign, blacklist }: DefinitionContext): Spec[] {
  return [
    {
      key: 'new_leads',
      label: '新增线索',
      unit: '件',
      value: (t) => t.new_leads,
      definition: `统计期内首次受理的线索数，不含转办县外的线索；${DAYS}。`,
    },
    {
      key: 'verified',
      label: '核实属实',
      unit: '件',
      value: (t) => t.verified,
      definition: '核实登记时间在统计期内的线索数。',
    },
    {
      key: 'resolved',
      label: '解决',
      unit: '件',
      value: (t) => t.resolved,
      definition: '解决（兑付）登记时间在统计期内的线索数。',
    },
    {
      key: 'closure_rate',
      label: '办结率',
      unit: '%',
      value: (t) => t.closure_rate,
      definition:
        `专项行动开始（${campaign.start}）至统计期末受理的线索（不含转办）中，至统计期末当日已解决、已办结或经核实不属实的比例，` +
        '保留一位小数；办结后又重新办理的按未办结计，与动态清零口径一致。',
    },
    {
      key: 'amount_recovered',
      label: '追回金额',
      unit: '元',
      value: (t) => t.amount_recovered,
      definition: '解决登记时间在统计期内的线索所登记的兑付金额之和。',
    },
    {
      key: 'workers_paid',
      label: '兑付人数',
      unit: '人',
      value: (t) => t.workers_paid,
      definition: '解决登记时间在统计期内的线索所登记的兑付人数之和。',
    },
    {
      key: 'overdue',
      label: '超期未办结',
      unit: '件',
      value: (t) => t.overdue,
      definition: `目前仍在办理（待分派、已分派、核查中、已核实），且办理期限早于统计期末（本期未结束的，早于报告生成时）的线索数；${STATE_NOW}。`,
    },
    {
      key: 'to_police',
      label: '移送公安研判',
      unit: '件',
      value: (t) => t.to_police,
      definition: '统计期内列入公安研判队列的线索和舆情事件数。',
    },
    {
      key: 'blacklist_candidates',
      label: '失信名单候选',
      unit: '家',
      value: (t) => t.blacklist_candidates,
      definition: `截至统计期末受理的线索中，${blacklistRule(blacklist)}的企业数（按企业名称归并）；核实情况按报告生成时计。`,
    },
    ...EVENT_LEVELS.map(
      (level): Spec => ({
        key: `events_${level}`,
        label: `${LEVEL_NAMES_ZH[level]}舆情`,
        unit: '起',
        value: (t) => t.events[level],
        definition: `统计期内首次发现、目前定为${LEVEL_NAMES_ZH[level]}等级的网络舆情事件数。`,
      }),
    ),
  ];
}

/** The configured conditions, in the words of repeat-offenders.ts's basis. */
function blacklistRule(blacklist: LeadsConfig['blacklist']): string {
  const conditions = [`已核实欠薪 ${blacklist.min_verified_cases} 起及以上`];
  if (blacklist.crime_threshold) conditions.push('有已核实线索达到拒不支付劳动报酬罪数额标准');
  const risks = RISKS.filter((risk) => blacklist.risks.includes(risk));
  if (risks.length > 0) conditions.push(`有已核实线索${risks.map((risk) => RISK_ZH[risk]).join('或')}`);
  return `符合失信联合惩戒名单条件（${conditions.join('，或')}）`;
}
