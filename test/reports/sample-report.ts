import type { HeadlineFigure, ReportData, UnitRow } from '../../src/reports/report-model.ts';

/** Hand-made report data: week 48 of 2026 in 青禾县, every table with rows, some text to escape. */

function figure(
  key: HeadlineFigure['key'],
  label: string,
  unit: HeadlineFigure['unit'],
  value: number,
  previous: number,
): HeadlineFigure {
  const change = Math.round((value - previous) * 100) / 100;
  return { key, label, unit, value, previous, change, definition: `${label}的统计口径（测试）。` };
}

function unit(name: string, values: Omit<UnitRow, 'unit'>): UnitRow {
  return { unit: name, ...values };
}

const HEADLINE: HeadlineFigure[] = [
  figure('new_leads', '新增线索', '件', 12, 9),
  figure('verified', '核实属实', '件', 7, 7),
  figure('resolved', '解决', '件', 9, 11),
  figure('closure_rate', '办结率', '%', 85.5, 83.2),
  figure('amount_recovered', '追回金额', '元', 1_234_560, 980_000.5),
  figure('workers_paid', '兑付人数', '人', 136, 98),
  figure('overdue', '超期未办结', '件', 3, 2),
  figure('to_police', '移送公安研判', '件', 1, 0),
  figure('blacklist_candidates', '失信名单候选', '家', 2, 1),
  figure('events_red', '红色舆情', '起', 1, 0),
  figure('events_orange', '橙色舆情', '起', 2, 1),
  figure('events_yellow', '黄色舆情', '起', 3, 3),
  figure('events_blue', '蓝色舆情', '起', 4, 6),
];

const TREND_DAYS = [
  '2026-11-23',
  '2026-11-24',
  '2026-11-25',
  '2026-11-26',
  '2026-11-27',
  '2026-11-28',
  '2026-11-29',
];
const TREND_VALUES: [number, number, number][] = [
  [2, 1, 1],
  [3, 2, 2],
  [1, 0, 3],
  [2, 3, 1],
  [1, 1, 2],
  [2, 2, 0],
  [1, 0, 1],
];

/** 20 days of a campaign that started on 11-10 and must clear by 12-31. */
function burnDown(): { day: string; open: number }[] {
  return Array.from({ length: 20 }, (_, i) => ({
    day: `2026-11-${String(10 + i).padStart(2, '0')}`,
    open: 40 - i + (i % 3),
  }));
}

function ideal(): { day: string; open: number }[] {
  const days = 51;
  return Array.from({ length: days + 1 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10, 10 + i));
    return { day: date.toISOString().slice(0, 10), open: Math.round((40 * (days - i) * 100) / days) / 100 };
  });
}

/** A report with every section filled; `over` replaces top-level fields. */
export function sampleReportData(over: Partial<ReportData> = {}): ReportData {
  return {
    kind: 'weekly',
    title: '青禾县根治欠薪工作周调度（2026年第48周）',
    issuer: '县根治拖欠农民工工资工作领导小组办公室',
    issued_on: '2026年11月30日',
    period: { from: '2026-11-23', to: '2026-11-29' },
    previous: { from: '2026-11-16', to: '2026-11-22' },
    empty: false,
    headline: HEADLINE,
    by_town: [
      unit('河口镇', {
        new_leads: 5,
        open: 8,
        verified: 3,
        resolved: 4,
        overdue: 2,
        amount_recovered: 860_000,
        workers_paid: 72,
        closure_rate: 80.0,
      }),
      unit('城关街道', {
        new_leads: 4,
        open: 3,
        verified: 2,
        resolved: 3,
        overdue: 1,
        amount_recovered: 274_560,
        workers_paid: 40,
        closure_rate: 90.5,
      }),
      unit('石桥乡', {
        new_leads: 3,
        open: 2,
        verified: 2,
        resolved: 2,
        overdue: 0,
        amount_recovered: 100_000,
        workers_paid: 24,
        closure_rate: 88.9,
      }),
    ],
    by_department: [
      unit('县住建局', {
        new_leads: 7,
        open: 9,
        verified: 4,
        resolved: 5,
        overdue: 2,
        amount_recovered: 960_000,
        workers_paid: 90,
        closure_rate: 82.1,
      }),
      unit('县人社局', {
        new_leads: 5,
        open: 4,
        verified: 3,
        resolved: 4,
        overdue: 1,
        amount_recovered: 274_560.5,
        workers_paid: 46,
        closure_rate: 91.3,
      }),
    ],
    by_industry: [
      unit('建筑施工', {
        new_leads: 8,
        open: 10,
        verified: 5,
        resolved: 6,
        overdue: 3,
        amount_recovered: 1_100_000,
        workers_paid: 120,
        closure_rate: 84.2,
      }),
      unit('制造业', {
        new_leads: 4,
        open: 3,
        verified: 2,
        resolved: 3,
        overdue: 0,
        amount_recovered: 134_560,
        workers_paid: 16,
        closure_rate: 95.0,
      }),
    ],
    overdue: [
      {
        lead_id: 'L-2026-0101',
        title: '宏达建筑劳务拖欠30名农民工工资',
        town: '河口镇',
        departments: ['县住建局'],
        due_at: '2026-11-18T18:00:00+08:00',
        days_overdue: 8,
        step: '挂牌督办',
      },
      {
        lead_id: 'L-2026-0117',
        title: '安置房项目 A&B 班组欠薪',
        town: '河口镇',
        departments: ['县住建局', '县人社局'],
        due_at: '2026-11-24T18:00:00+08:00',
        days_overdue: 4,
        step: '督办',
      },
      {
        lead_id: 'L-2026-0123',
        title: '城关街道某商铺装修工资未结',
        town: '城关街道',
        departments: [],
        due_at: '2026-11-27T18:00:00+08:00',
        days_overdue: 1,
        step: '催办',
      },
    ],
    repeat_offenders: [
      {
        kind: 'company',
        name: '宏达建筑劳务有限公司',
        leads: [
          {
            id: 'L-2026-0042',
            state: 'resolved',
            first_received_at: '2026-11-12T09:00:00+08:00',
            amount_yuan: 200_000,
            workers: 12,
          },
          {
            id: 'L-2026-0101',
            state: 'verified',
            first_received_at: '2026-11-24T10:30:00+08:00',
            amount_yuan: 360_000,
            workers: 30,
          },
        ],
        verified_cases: 2,
        total_amount_yuan: 560_000,
        total_workers: 42,
        blacklist_candidate: true,
        basis: ['经核实拖欠农民工工资数额较大', '一年内多次被反映'],
      },
      {
        kind: 'project',
        name: '河口镇安置房二期项目',
        leads: [
          {
            id: 'L-2026-0077',
            state: 'verifying',
            first_received_at: '2026-11-20T08:00:00+08:00',
            amount_yuan: null,
            workers: 8,
          },
          {
            id: 'L-2026-0117',
            state: 'assigned',
            first_received_at: '2026-11-25T14:00:00+08:00',
            amount_yuan: 58_000,
            workers: 9,
          },
        ],
        verified_cases: 0,
        total_amount_yuan: 58_000,
        total_workers: 17,
        blacklist_candidate: false,
        basis: [],
      },
    ],
    top_events: [
      {
        event_id: 'E-1',
        title: '河口镇工地数十名农民工聚集讨薪',
        level: 'red',
        town: '河口镇',
        posts: 48,
        per_hour: 12.5,
        first_seen: '2026-11-26T07:45:00+08:00',
        last_seen: '2026-11-26T15:10:00+08:00',
      },
      {
        event_id: 'E-2',
        title: '<script>alert(1)</script>小区装修队讨薪帖',
        level: 'orange',
        town: null,
        posts: 15,
        per_hour: 3.25,
        first_seen: '2026-11-27T20:00:00+08:00',
        last_seen: '2026-11-28T09:00:00+08:00',
      },
      {
        event_id: 'E-3',
        title: '石桥乡厂区工资延迟发放',
        level: 'yellow',
        town: '石桥乡',
        posts: 6,
        per_hour: 0.8,
        first_seen: '2026-11-24T11:00:00+08:00',
        last_seen: '2026-11-25T09:30:00+08:00',
      },
    ],
    trend: TREND_DAYS.map((day, i) => {
      const [new_leads, resolved, events] = TREND_VALUES[i]!;
      return { day, new_leads, resolved, events };
    }),
    events_by_level: { red: 1, orange: 2, yellow: 3, blue: 4 },
    clearance: {
      campaign: '2026年冬季根治欠薪专项行动',
      deadline: '2026-12-31',
      open: 13,
      burn_down: burnDown(),
      ideal: ideal(),
      projected_zero_date: '2027-01-08',
      on_track: false,
    },
    ...over,
  };
}

/** A period in which nothing happened: no leads, no closures, no online events. */
export function emptyReportData(): ReportData {
  const base = sampleReportData();
  return sampleReportData({
    empty: true,
    headline: HEADLINE.map((item) => ({ ...item, value: 0, change: -item.previous })),
    by_town: [],
    by_department: [],
    by_industry: [],
    overdue: [],
    repeat_offenders: [],
    top_events: [],
    trend: TREND_DAYS.map((day) => ({ day, new_leads: 0, resolved: 0, events: 0 })),
    events_by_level: { red: 0, orange: 0, yellow: 0, blue: 0 },
    clearance: { ...base.clearance, open: 22, projected_zero_date: null, on_track: false },
  });
}
