import type { PoliceCase } from '../cases/police-case.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Lead } from '../leads/lead-record.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import { repeatOffenders } from '../leads/repeat-offenders.ts';
import { type LadderConfig, ladderConfigSchema } from '../leads/supervision-ladder.ts';
import type { WorkingCalendar } from '../leads/working-days.ts';
import { eventsByLevel, topEvents, trendDays } from './report-events.ts';
import { clearanceAt, departmentsOf, industryOf, leadFigures, townOf } from './report-figures.ts';
import { headlineFigures, type PeriodTotals } from './report-headline.ts';
import type { ReportData, ReportKind, ReportPeriod } from './report-model.ts';
import {
  chineseDate,
  chineseMonth,
  type PeriodWindow,
  previousPeriod,
  windowOf,
  within,
} from './report-period.ts';
import { overdueRows, unitRows } from './report-tables.ts';

export { defaultPeriod, periodFor, previousPeriod } from './report-period.ts';

/** Everything a report is computed from: the store's records as loaded, the configuration, the clock. */
export interface ReportInput {
  kind: ReportKind;
  period: ReportPeriod;
  leads: readonly Lead[];
  events: readonly EventRecord[];
  cases: readonly PoliceCase[];
  config: {
    county: string;
    campaign: LeadsConfig['campaign'];
    blacklist: LeadsConfig['blacklist'];
    /** The supervision ladder (`leads.ladder`) for the overdue list's steps; its defaults when absent. */
    ladder?: LadderConfig;
  };
  calendar: WorkingCalendar;
  now: Date;
}

/**
 * The weekly dispatch or monthly bulletin for `period` (pure). Each headline figure carries its
 * definition; states and deadlines are judged at the period's end, or at `now` while it runs.
 */
export function buildReportData(input: ReportInput): ReportData {
  const { kind, period, leads, events, config, now } = input;
  const window = windowOf(period, now);
  const previous = previousPeriod(kind, period);
  const current = periodTotals(input, window);
  const before = periodTotals(input, windowOf(previous, now));
  const rows = (unitsOf: (lead: Lead) => readonly string[]) =>
    unitRows(leads, unitsOf, window, config.campaign);
  const { view, open } = clearanceAt(leads, config.campaign, window.asOf);
  return {
    kind,
    title: titleOf(kind, period, config.county),
    issuer: `${config.county}根治拖欠农民工工资工作领导小组办公室`,
    issued_on: chineseDate(now),
    period,
    previous,
    empty:
      current.new_leads + current.verified + current.resolved + current.to_police === 0 &&
      Object.values(current.events).every((count) => count === 0),
    headline: headlineFigures(current, before, config),
    by_town: rows((lead) => [townOf(lead)]),
    by_department: rows(departmentsOf),
    by_industry: rows((lead) => [industryOf(lead)]),
    overdue: overdueRows(leads, window, input.calendar, config.ladder ?? ladderConfigSchema.parse({})),
    repeat_offenders: repeatOffenders(leads, config.blacklist, lastInstant(window)),
    top_events: topEvents(events, window),
    trend: trendDays(leads, events, window),
    events_by_level: current.events,
    clearance: {
      campaign: view.campaign,
      deadline: view.deadline,
      open,
      burn_down: view.burn_down,
      ideal: view.ideal,
      projected_zero_date: view.projected_zero_date,
      on_track: view.on_track,
    },
  };
}

function periodTotals(input: ReportInput, window: PeriodWindow): PeriodTotals {
  const offenders = repeatOffenders(input.leads, input.config.blacklist, lastInstant(window));
  return {
    ...leadFigures(input.leads, window, input.config.campaign),
    to_police: input.cases.filter((c) => within(c.flagged_at, window)).length,
    blacklist_candidates: offenders.filter((group) => group.kind === 'company' && group.blacklist_candidate)
      .length,
    events: eventsByLevel(input.events, window),
  };
}

function titleOf(kind: ReportKind, period: ReportPeriod, county: string): string {
  return kind === 'weekly'
    ? `${county}根治欠薪工作周调度（${period.from}至${period.to}）`
    : `${county}根治欠薪工作月通报（${chineseMonth(period.from)}）`;
}

/** The period's last millisecond: the offender groups take leads received up to the period's end. */
function lastInstant(window: PeriodWindow): Date {
  return new Date(window.end - 1);
}
