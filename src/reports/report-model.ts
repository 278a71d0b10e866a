import type { Level } from '../domain/classification.ts';
import type { DayCount } from '../leads/clearance.ts';
import type { OffenderGroup } from '../leads/repeat-offenders.ts';

/** The weekly dispatch (周调度) or the monthly bulletin (月通报). */
export type ReportKind = 'weekly' | 'monthly';

/** Whole Shanghai days, both ends included: `from` 00:00 to `to` 24:00, Asia/Shanghai. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** One headline figure, with the previous period's value and how it is computed. */
export interface HeadlineFigure {
  key:
    | 'new_leads'
    | 'verified'
    | 'resolved'
    | 'closure_rate'
    | 'amount_recovered'
    | 'workers_paid'
    | 'overdue'
    | 'to_police'
    | 'blacklist_candidates'
    | 'events_red'
    | 'events_orange'
    | 'events_yellow'
    | 'events_blue';
  /** 新增线索, 办结率 … as the bulletin prints it. */
  label: string;
  value: number;
  previous: number;
  /** value − previous (for a rate, in percentage points × 100, i.e. the same unit as value). */
  change: number;
  unit: '件' | '元' | '人' | '%' | '起' | '家';
  /** How the figure is computed, in Chinese, printed in the report's notes. */
  definition: string;
}

/** One row of the by-township, by-department or by-industry table. */
export interface UnitRow {
  unit: string;
  new_leads: number;
  open: number;
  verified: number;
  resolved: number;
  overdue: number;
  amount_recovered: number;
  workers_paid: number;
  /** Cleared ÷ received since the campaign start, up to the end of the period, 0–100, one decimal. */
  closure_rate: number;
}

export interface OverdueRow {
  lead_id: string;
  title: string;
  town: string;
  departments: string[];
  due_at: string;
  /** Working days past the deadline at the end of the period (or now, if earlier). */
  days_overdue: number;
  /** 催办 / 督办 / 挂牌督办 (or 逾期 when no working day has passed yet). */
  step: string;
}

export interface TopEvent {
  event_id: string;
  title: string;
  level: Exclude<Level, 'none'>;
  town: string | null;
  posts: number;
  per_hour: number;
  first_seen: string;
  last_seen: string;
}

/** Per day of the period: new leads, leads resolved, and online events first seen. */
export interface TrendDay {
  day: string;
  new_leads: number;
  resolved: number;
  events: number;
}

/** Everything one report says, computed from the store; the renderers only lay it out. */
export interface ReportData {
  kind: ReportKind;
  /** 「青禾县根治欠薪工作周调度（2026-11-23至2026-11-29）」, 「青禾县根治欠薪工作月通报（2026年11月）」 */
  title: string;
  /** Issuing office placeholder, e.g. 「县根治拖欠农民工工资工作领导小组办公室」. */
  issuer: string;
  /** The date in Chinese, 「2026年11月30日」. */
  issued_on: string;
  period: ReportPeriod;
  previous: ReportPeriod;
  /** True when nothing happened in the period: the report says so instead of empty tables. */
  empty: boolean;
  headline: HeadlineFigure[];
  by_town: UnitRow[];
  by_department: UnitRow[];
  by_industry: UnitRow[];
  overdue: OverdueRow[];
  repeat_offenders: OffenderGroup[];
  top_events: TopEvent[];
  trend: TrendDay[];
  /** Online events first seen in the period, by level. */
  events_by_level: Record<Exclude<Level, 'none'>, number>;
  clearance: {
    campaign: string;
    deadline: string;
    open: number;
    burn_down: DayCount[];
    ideal: DayCount[];
    projected_zero_date: string | null;
    on_track: boolean;
  };
}
