import type { Lead } from '../leads/lead-record.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import { LADDER_STEP_NAMES_ZH, type LadderConfig, ladderStep } from '../leads/supervision-ladder.ts';
import type { WorkingCalendar } from '../leads/working-days.ts';
import { departmentsOf, isOverdueAt, leadFigures, townOf } from './report-figures.ts';
import type { OverdueRow, UnitRow } from './report-model.ts';
import type { PeriodWindow } from './report-period.ts';

/**
 * One row per unit that `unitsOf` names for some lead, with the headline definitions applied to
 * that unit's leads (a lead counts under each of its units). Units whose figures are all zero are
 * left out; most open first, then most new leads, then by name in Chinese collation.
 */
export function unitRows(
  leads: readonly Lead[],
  unitsOf: (lead: Lead) => readonly string[],
  window: PeriodWindow,
  campaign: LeadsConfig['campaign'],
): UnitRow[] {
  const groups = new Map<string, Lead[]>();
  for (const lead of leads)
    for (const unit of new Set(unitsOf(lead))) {
      const group = groups.get(unit) ?? [];
      group.push(lead);
      groups.set(unit, group);
    }
  return [...groups]
    .map(([unit, group]): UnitRow => ({ unit, ...leadFigures(group, window, campaign) }))
    .filter((row) => Object.values(row).some((value) => typeof value === 'number' && value !== 0))
    .sort((a, b) => b.open - a.open || b.new_leads - a.new_leads || a.unit.localeCompare(b.unit, 'zh-CN'));
}

/**
 * The overdue leads, with the working days past their deadline and the ladder step at the
 * window's `asOf` (逾期 while no working day has passed); most overdue first, then earliest due.
 */
export function overdueRows(
  leads: readonly Lead[],
  window: PeriodWindow,
  calendar: WorkingCalendar,
  ladder: LadderConfig,
): OverdueRow[] {
  return leads
    .flatMap((lead): OverdueRow[] => {
      const dueAt = lead.work.due_at;
      if (dueAt === null || !isOverdueAt(lead, window)) return [];
      const { step, daysOverdue } = ladderStep(new Date(dueAt), window.asOf, calendar, ladder);
      const row: OverdueRow = {
        lead_id: lead.id,
        title: lead.facts.title,
        town: townOf(lead),
        departments: [...departmentsOf(lead)],
        due_at: dueAt,
        days_overdue: daysOverdue,
        step: step === 'none' ? '逾期' : LADDER_STEP_NAMES_ZH[step],
      };
      return [row];
    })
    .sort(
      (a, b) =>
        b.days_overdue - a.days_overdue ||
        Date.parse(a.due_at) - Date.parse(b.due_at) ||
        a.lead_id.localeCompare(b.lead_id),
    );
}
