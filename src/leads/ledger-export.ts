import { amount, blank, count, type ReportTable, text } from '../reports/render-cells.ts';
import { renderTablesXlsx } from '../reports/render-xlsx.ts';
import type { Lead } from './lead-record.ts';
import { leadView } from './lead-view.ts';

const COLUMNS = [
  '线索编号',
  '标题',
  '状态',
  '等级',
  '乡镇',
  '部门',
  '涉及金额（元）',
  '涉及人数',
  '单位',
  '项目',
  '反映人',
  '联系电话',
  '身份证号',
  '首次收到',
  '办理期限',
  '督办',
  '来源',
  '情况',
];
const SUPERVISION_ZH = { none: '', reminder: '提醒', supervision: '督办', listed: '挂牌督办' } as const;

/**
 * The ledger as a workbook sheet: one row per lead, personal data masked exactly as on screen
 * unless `unmasked` (the caller has audited why). Figures stay numbers so the sheet can sum them.
 */
export function ledgerTable(leads: readonly Lead[], unmasked: boolean): ReportTable {
  return {
    sheet: '线索台账',
    columns: COLUMNS.map((header) => ({ header })),
    rows: leads.map((lead) => {
      const view = leadView(lead, unmasked);
      const people = (pick: (c: (typeof view.complainants)[number]) => string | null) =>
        text(
          view.complainants
            .map(pick)
            .filter((v) => v !== null)
            .join('、'),
        );
      return {
        cells: [
          text(view.id),
          text(view.title),
          text(view.merged.into ? `${view.state_zh}（并入 ${view.merged.into.id}）` : view.state_zh),
          text(view.level_zh),
          text(view.town ?? ''),
          text(view.departments.join('、')),
          view.amount_yuan === null ? blank('amount') : amount(view.amount_yuan),
          view.workers === null ? blank('count') : count(view.workers),
          text(view.companies.join('、')),
          text(view.projects.join('、')),
          people((c) => c.name),
          people((c) => c.phone),
          people((c) => c.id_number),
          text(lead.facts.first_received_at),
          text(view.due_at ?? ''),
          text(SUPERVISION_ZH[view.supervision.step]),
          text([...new Set(view.reports.map((r) => r.source))].join('、')),
          text(view.descriptions.join('\n')),
        ],
      };
    }),
  };
}

export function renderLedgerXlsx(leads: readonly Lead[], unmasked: boolean, title: string): Promise<Buffer> {
  return renderTablesXlsx([ledgerTable(leads, unmasked)], { creator: 'wagewatch', title });
}
