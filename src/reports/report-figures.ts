import type { Industry } from '../domain/classification.ts';
import { type ClearanceView, clearanceView } from '../leads/clearance.ts';
import { isOwnCase, type Lead, OPEN_STATES } from '../leads/lead-record.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import { type PeriodWindow, within } from './report-period.ts';

type Campaign = LeadsConfig['campaign'];

/** The lead figures of a period, over whatever set of leads is passed (all, or one unit's). */
export interface LeadFigures {
  new_leads: number;
  /** Counted by clearance.ts and not cleared by the end of the `asOf` day. */
  open: number;
  verified: number;
  resolved: number;
  overdue: number;
  amount_recovered: number;
  workers_paid: number;
  closure_rate: number;
}

export const INDUSTRY_NAMES_ZH: Readonly<Record<Industry, string>> = {
  construction: '建筑施工',
  real_estate: '房地产',
  education_training: '教育培训',
  manufacturing: '制造业',
  services: '服务业',
  transport: '交通运输',
  water: '水利',
  other: '其他',
  none: '未识别',
};

const UNKNOWN_TOWN = '属地未识别';

/** Received in the window, neither forwarded out of the county (转办) nor merged into another lead. */
export function isNewIn(lead: Lead, window: PeriodWindow): boolean {
  return isOwnCase(lead) && within(lead.facts.first_received_at, window);
}

/** Open now, with its deadline passed before the window's `asOf`. */
export function isOverdueAt(lead: Lead, window: PeriodWindow): boolean {
  const { state, due_at } = lead.work;
  return OPEN_STATES.includes(state) && due_at !== null && Date.parse(due_at) < window.asOf.getTime();
}

/** The owning town, as clearance.ts reads it. */
export function townOf({ work, facts }: Lead): string {
  return work.owner_town ?? facts.town ?? UNKNOWN_TOWN;
}

/** The owning departments, as clearance.ts reads them (none when the lead names none). */
export function departmentsOf({ work, facts }: Lead): string[] {
  return work.owner_departments.length > 0 ? work.owner_departments : facts.departments;
}

export function industryOf(lead: Lead): string {
  return INDUSTRY_NAMES_ZH[lead.facts.industry];
}

/**
 * The clearance view at `asOf` with the counted and still-open leads at the end of that day:
 * open is the burn-down's last point, so a lead cleared after the period counts as open in it.
 */
export function clearanceAt(
  leads: readonly Lead[],
  campaign: Campaign,
  asOf: Date,
): { view: ClearanceView; counted: number; open: number } {
  const view = clearanceView(leads, campaign, asOf);
  return { view, counted: view.totals.leads, open: view.burn_down.at(-1)?.open ?? 0 };
}

/** Every lead figure of the window over `leads`, each by the definition the headline prints. */
export function leadFigures(leads: readonly Lead[], window: PeriodWindow, campaign: Campaign): LeadFigures {
  const resolutions = leads.flatMap(({ work }) =>
    work.resolution !== null && within(work.resolution.at, window) ? [work.resolution] : [],
  );
  const { counted, open } = clearanceAt(leads, campaign, window.asOf);
  return {
    new_leads: leads.filter((lead) => isNewIn(lead, window)).length,
    open,
    verified: leads.filter((lead) => within(lead.work.verification?.at, window)).length,
    resolved: resolutions.length,
    overdue: leads.filter((lead) => isOverdueAt(lead, window)).length,
    amount_recovered: roundTo(
      resolutions.reduce((sum, r) => sum + r.paid_yuan, 0),
      2,
    ),
    workers_paid: resolutions.reduce((sum, r) => sum + r.workers_paid, 0),
    closure_rate: counted === 0 ? 0 : roundTo(((counted - open) / counted) * 100, 1),
  };
}

/** Rounded to `digits` decimals, so sums of yuan and rates print without float noise. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
