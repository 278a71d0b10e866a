import { LEVEL_NAMES_ZH } from '../domain/classification.ts';
import { formatNumber, formatRate, formatZhDate, type ReportLevel, round } from './render-format.ts';
import type { HeadlineFigure, ReportData } from './report-model.ts';

/** The bulletin's prose, in the register of an official notice; plain text, escaped by the renderer. */

/** What an empty period says, word for word. */
export const EMPTY_PERIOD_TEXT = '本期无新增线索、无办结、无网络舆情事件。';

const LEVEL_ORDER: readonly ReportLevel[] = ['red', 'orange', 'yellow', 'blue'];

/** 85.5%, 123.46万元 (from ten thousand yuan up), 1,234元, 12件. */
function quantity(value: number, unit: HeadlineFigure['unit']): string {
  if (unit === '%') return `${formatRate(value)}%`;
  if (unit === '元' && Math.abs(value) >= 10_000) return `${formatNumber(round(value / 10_000, 2))}万元`;
  return `${formatNumber(value)}${unit}`;
}

/** 较上期增加3件 / 较上期提高2.3个百分点 / 与上期持平. */
function changePhrase(figure: HeadlineFigure): string {
  if (figure.change === 0) return '与上期持平';
  const up = figure.change > 0;
  if (figure.unit === '%') {
    return `较上期${up ? '提高' : '下降'}${formatRate(Math.abs(figure.change))}个百分点`;
  }
  return `较上期${up ? '增加' : '减少'}${quantity(Math.abs(figure.change), figure.unit)}`;
}

/** 本期，新增线索12件，较上期增加3件；…。 or the empty period's sentence. */
export function headlineSentence(data: ReportData): string {
  if (data.empty) return EMPTY_PERIOD_TEXT;
  if (data.headline.length === 0) return '本期无统计数据。';
  const parts = data.headline.map(
    (figure) => `${figure.label}${quantity(figure.value, figure.unit)}，${changePhrase(figure)}`,
  );
  return `本期，${parts.join('；')}。`;
}

/** 共3件，其中挂牌督办1件、督办2件。请以下责任单位…. */
export function overdueSentence(data: ReportData): string {
  const steps = new Map<string, number>();
  for (const row of data.overdue) steps.set(row.step, (steps.get(row.step) ?? 0) + 1);
  const bySteps = [...steps].map(([step, n]) => `${step}${n}件`).join('、');
  return (
    `截至本期末，超期未办结线索共${data.overdue.length}件，其中${bySteps}。` +
    '请以下责任单位抓紧办结并报送办理情况。'
  );
}

/** 共排查出…个，其中失信名单候选…个. */
export function offenderSentence(data: ReportData): string {
  const candidates = data.repeat_offenders.filter((group) => group.blacklist_candidate).length;
  const tail =
    candidates > 0 ? `，其中拟列入失信名单候选${candidates}个（表中以★标注），请相关部门依法依规审核` : '';
  return `经“回头看”，被多次反映或经核实存在欠薪的企业（项目）共${data.repeat_offenders.length}个${tail}。`;
}

/** 本期监测到网络舆情事件…起，其中红色…起、…。 */
export function eventSentence(data: ReportData): string {
  const total = LEVEL_ORDER.reduce((sum, level) => sum + data.events_by_level[level], 0);
  if (total === 0) return '本期未监测到涉欠薪网络舆情事件。';
  const parts = LEVEL_ORDER.filter((level) => data.events_by_level[level] > 0).map(
    (level) => `${LEVEL_NAMES_ZH[level]}${data.events_by_level[level]}起`,
  );
  return `本期监测到涉欠薪网络舆情事件${total}起，其中${parts.join('、')}。传播较快的事件如下：`;
}

/** Where the campaign stands: open leads, the projected zero date against the deadline. */
export function clearanceSentence(data: ReportData): string {
  const { campaign, deadline, open, projected_zero_date: projected, on_track } = data.clearance;
  const head = `“${campaign}”清零期限为${formatZhDate(deadline)}。`;
  if (open === 0) return `${head}截至本期末，在办线索已全部清零。`;
  const projection =
    projected === null
      ? '近期无办结线索，无法预计清零日期'
      : `按近期办结速度，预计于${formatZhDate(projected)}实现清零`;
  const verdict = on_track ? '进度符合要求，可按期完成清零任务。' : '进度滞后，难以按期清零，须加快办结。';
  return `${head}截至本期末，在办线索${formatNumber(open)}件；${projection}，${verdict}`;
}

/** The burn-down chart's subtitle: projected zero date vs the deadline. */
export function projectionSubtitle(data: ReportData): string {
  const { deadline, open, projected_zero_date: projected } = data.clearance;
  const limit = `清零期限：${formatZhDate(deadline)}`;
  if (open === 0) return `已清零　${limit}`;
  return `${projected === null ? '无法预计清零日期' : `预计清零：${formatZhDate(projected)}`}　${limit}`;
}
