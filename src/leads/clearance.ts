import { isOwnCase, type Lead, OPEN_STATES } from './lead-record.ts';
import type { LeadsConfig } from './leads-config.ts';
import { shanghaiYmd } from './working-days.ts';

/** How many counted leads, open, verified unresolved, cleared and overdue. */
export interface ClearanceCounts {
  leads: number;
  open: number;
  verified_unresolved: number;
  cleared: number;
  overdue: number;
}

/** One town or department; `rate` is cleared / leads. */
export interface ClearanceRow extends ClearanceCounts {
  unit: string;
  rate: number;
}

/** Open leads at the end of a Shanghai day. */
export interface DayCount {
  day: string;
  open: number;
}

/** A town or department that will not clear by the deadline, with the reasons in Chinese. */
export interface BehindUnit {
  kind: 'town' | 'department';
  unit: string;
  projected_zero_date: string | null;
  reasons: string[];
}

/** What `clearanceView` returns; days are `YYYY-MM-DD` in Shanghai. */
export interface ClearanceView {
  campaign: string;
  as_of: string;
  deadline: string;
  totals: ClearanceCounts & { clearance_rate: number };
  by_town: ClearanceRow[];
  by_department: ClearanceRow[];
  burn_down: DayCount[];
  ideal: DayCount[];
  closing_rate: { window_days: number; cleared: number; per_day: number };
  projected_zero_date: string | null;
  on_track: boolean;
  behind: BehindUnit[];
}

type Campaign = LeadsConfig['campaign'];

/** One counted lead, reduced to what the view needs. */
interface Entry {
  received: string;
  cleared: string | null;
  open: boolean;
  verified: boolean;
  overdue: boolean;
  town: string;
  departments: readonly string[];
}

/** The days whose clearings set the closing rate, ending on `asOf`. */
type ClosingWindow = { asOf: string; days: number; deadline: string };

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 14;
const UNKNOWN_TOWN = '属地未识别';

/**
 * The campaign's 动态清零 (dynamic clearance) figures as of `now`, by town and department, with
 * the burn-down. Definitions (reports must reproduce them):
 * - A lead counts when its first_received_at falls on or after `campaign.start` (Shanghai day),
 *   not after `now`, and it was neither forwarded out of the county nor merged into another lead.
 * - Open: state new, assigned, verifying or verified; a reopened lead is open again.
 *   Verified unresolved: state verified. Cleared: state resolved, closed or unfounded (不属实: no
 *   arrears). Overdue: open with `work.due_at` before `now`.
 * - Cleared day: the Shanghai day of `work.resolution.at`, else `work.closed.at`; for unfounded
 *   (which has no stamp of its own) `lead.updated_at`.
 * - Town: `work.owner_town`, else `facts.town`, else 属地未识别. Departments: `work.owner_departments`,
 *   else (not yet routed) `facts.departments`; a lead counts once under each, under none if it has none.
 * - Burn-down: open on a day = counted leads received by its end and not cleared by its end. Only
 *   the current state and stamps are known, so a lead cleared and later reopened counts as open
 *   all along, and one cleared again counts from its latest clearing.
 * - Ideal: a straight line from the open count on `campaign.start` to 0 on the deadline.
 * - Projection: closing rate = leads cleared in the last 14 days up to `as_of` (fewer while the
 *   campaign is younger) / those days; zero date = `as_of` + ceil(open / rate) days. None (null,
 *   cannot project) when nothing was cleared in the window. On track: nothing open, or projected
 *   on or before the deadline.
 * - Behind: a town or department with open leads projected to clear after the deadline or with no
 *   clearing in the window, or with overdue leads.
 */
export function clearanceView(leads: readonly Lead[], campaign: Campaign, now: Date): ClearanceView {
  const asOf = shanghaiYmd(now);
  const entries = leads.filter((lead) => counts(lead, campaign, now)).map((lead) => toEntry(lead, now));
  const elapsed = Math.max(0, dayNo(asOf) - dayNo(campaign.start) + 1);
  const closing = { asOf, days: Math.min(WINDOW_DAYS, elapsed), deadline: campaign.clearance_deadline };
  const total = tally(entries);
  const towns = groupBy(entries, (entry) => [entry.town]);
  const departments = groupBy(entries, (entry) => entry.departments);
  const { cleared, projected } = project(entries, closing);
  const span = dayNo(campaign.clearance_deadline) - dayNo(campaign.start);
  const first = openOn(entries, campaign.start);
  return {
    campaign: campaign.name,
    as_of: asOf,
    deadline: campaign.clearance_deadline,
    totals: { ...total, clearance_rate: ratio(total.cleared, total.leads) },
    by_town: towns.map(([unit, group]) => row(unit, group)),
    by_department: departments.map(([unit, group]) => row(unit, group)),
    burn_down: Array.from({ length: elapsed }, (_, i) => addDays(campaign.start, i)).map((day) => ({
      day,
      open: openOn(entries, day),
    })),
    ideal: Array.from({ length: span + 1 }, (_, i) => ({
      day: addDays(campaign.start, i),
      open: Math.round((first * (span - i) * 100) / span) / 100,
    })),
    closing_rate: { window_days: closing.days, cleared, per_day: ratio(cleared, closing.days) },
    projected_zero_date: projected,
    on_track: total.open === 0 || (projected !== null && projected <= campaign.clearance_deadline),
    behind: [...behind('town', towns, closing), ...behind('department', departments, closing)],
  };
}

function counts(lead: Lead, campaign: Campaign, now: Date): boolean {
  const received = new Date(lead.facts.first_received_at);
  return isOwnCase(lead) && received <= now && shanghaiYmd(received) >= campaign.start;
}

function toEntry(lead: Lead, now: Date): Entry {
  const { work, facts } = lead;
  const open = OPEN_STATES.includes(work.state);
  const clearedAt =
    work.state === 'unfounded'
      ? lead.updated_at
      : (work.resolution?.at ?? work.closed?.at ?? lead.updated_at);
  return {
    received: shanghaiYmd(new Date(facts.first_received_at)),
    cleared: open ? null : shanghaiYmd(new Date(clearedAt)),
    open,
    verified: work.state === 'verified',
    overdue: open && work.due_at !== null && Date.parse(work.due_at) < now.getTime(),
    town: work.owner_town ?? facts.town ?? UNKNOWN_TOWN,
    departments: work.owner_departments.length > 0 ? work.owner_departments : facts.departments,
  };
}

function tally(entries: readonly Entry[]): ClearanceCounts {
  const open = entries.filter((entry) => entry.open);
  return {
    leads: entries.length,
    open: open.length,
    verified_unresolved: entries.filter((entry) => entry.verified).length,
    cleared: entries.length - open.length,
    overdue: entries.filter((entry) => entry.overdue).length,
  };
}

function row(unit: string, entries: readonly Entry[]): ClearanceRow {
  const counted = tally(entries);
  return { unit, ...counted, rate: ratio(counted.cleared, counted.leads) };
}

/** Units with their entries, most open first, then by name. */
function groupBy(entries: readonly Entry[], keys: (entry: Entry) => readonly string[]): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries)
    for (const key of new Set(keys(entry))) {
      const group = groups.get(key) ?? [];
      group.push(entry);
      groups.set(key, group);
    }
  const open = (group: Entry[]) => group.filter((entry) => entry.open).length;
  return [...groups].sort(([a, ga], [b, gb]) => open(gb) - open(ga) || a.localeCompare(b, 'zh-CN'));
}

function openOn(entries: readonly Entry[], day: string): number {
  return entries.filter((e) => e.received <= day && (e.cleared === null || e.cleared > day)).length;
}

function project(
  entries: readonly Entry[],
  closing: ClosingWindow,
): { cleared: number; projected: string | null } {
  const from = addDays(closing.asOf, 1 - closing.days);
  const cleared = entries.filter((e) => e.cleared !== null && e.cleared >= from && e.cleared <= closing.asOf);
  if (cleared.length === 0) return { cleared: 0, projected: null };
  const open = entries.filter((entry) => entry.open).length;
  // open / (cleared / days), in whole numbers so that 6 / (4 / 14) is exactly 21.
  const days = Math.ceil((open * closing.days) / cleared.length);
  return { cleared: cleared.length, projected: addDays(closing.asOf, days) };
}

function behind(kind: BehindUnit['kind'], units: [string, Entry[]][], closing: ClosingWindow): BehindUnit[] {
  return units.flatMap(([unit, entries]) => {
    const { open, overdue } = tally(entries);
    const { cleared, projected } = project(entries, closing);
    const reasons: string[] = [];
    const recent = `近${closing.days}天`;
    if (open > 0 && projected === null) reasons.push(`${recent}无办结，无法预计清零（在办 ${open} 件）`);
    else if (open > 0 && projected !== null && projected > closing.deadline) {
      const rate = ratio(cleared, closing.days).toFixed(2);
      reasons.push(`按${recent}日均办结 ${rate} 件，预计 ${projected} 清零，晚于期限 ${closing.deadline}`);
    }
    if (overdue > 0) reasons.push(`超期未办结 ${overdue} 件`);
    return reasons.length > 0 ? [{ kind, unit, projected_zero_date: projected, reasons }] : [];
  });
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

function dayNo(ymd: string): number {
  return Date.parse(`${ymd}T00:00:00Z`) / DAY_MS;
}

function addDays(ymd: string, n: number): string {
  return new Date((dayNo(ymd) + n) * DAY_MS).toISOString().slice(0, 10);
}
