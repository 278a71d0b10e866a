import { describe, expect, it } from 'vitest';
import { buildReportData, defaultPeriod, periodFor, previousPeriod } from '../../src/reports/report-data.ts';
import type { ReportKind } from '../../src/reports/report-model.ts';
import { EVENTS, LEADS, reportInput, reportLead, sh } from './report-fixture.ts';

type Figures = [
  unit: string,
  new_leads: number,
  open: number,
  verified: number,
  resolved: number,
  overdue: number,
  amount_recovered: number,
  workers_paid: number,
  closure_rate: number,
];

const row = ([unit, new_leads, open, verified, resolved, overdue, amount, workers, rate]: Figures) => ({
  unit,
  new_leads,
  open,
  verified,
  resolved,
  overdue,
  amount_recovered: amount,
  workers_paid: workers,
  closure_rate: rate,
});

const week = buildReportData(reportInput());
const headlineValues = (data: typeof week) => Object.fromEntries(data.headline.map((f) => [f.key, f.value]));

describe('buildReportData: the week of 2026-11-23, generated Monday 2026-11-30', () => {
  it('names the report, the issuer, the date and both periods', () => {
    expect(week.kind).toBe('weekly');
    expect(week.title).toBe('青禾县根治欠薪工作周调度（2026-11-23至2026-11-29）');
    expect(week.issuer).toBe('青禾县根治拖欠农民工工资工作领导小组办公室');
    expect(week.issued_on).toBe('2026年11月30日');
    expect(week.period).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(week.previous).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(week.empty).toBe(false);
  });

  it.each([
    ['new_leads', '新增线索', '件', 6, 6, 0],
    ['verified', '核实属实', '件', 3, 4, -1],
    ['resolved', '解决', '件', 3, 1, 2],
    ['closure_rate', '办结率', '%', 46.2, 14.3, 31.9],
    ['amount_recovered', '追回金额', '元', 246_000, 50_000, 196_000],
    ['workers_paid', '兑付人数', '人', 33, 8, 25],
    ['overdue', '超期未办结', '件', 5, 3, 2],
    ['to_police', '移送公安研判', '件', 1, 1, 0],
    ['blacklist_candidates', '失信名单候选', '家', 3, 2, 1],
    ['events_red', '红色舆情', '起', 1, 0, 1],
    ['events_orange', '橙色舆情', '起', 1, 1, 0],
    ['events_yellow', '黄色舆情', '起', 1, 0, 1],
    ['events_blue', '蓝色舆情', '起', 0, 1, -1],
  ] as const)('headline %s (%s): %s, value %d, previous %d, change %d', (key, label, unit, value, previous, change) => {
    const figure = week.headline.find((f) => f.key === key);
    expect(figure).toMatchObject({ key, label, unit, value, previous, change });
    expect(figure?.definition).toMatch(/[\u4e00-\u9fff]/);
  });

  it('prints the figures in a fixed order, with definitions that quote the configuration', () => {
    expect(week.headline.map((f) => f.key)).toEqual([
      'new_leads',
      'verified',
      'resolved',
      'closure_rate',
      'amount_recovered',
      'workers_paid',
      'overdue',
      'to_police',
      'blacklist_candidates',
      'events_red',
      'events_orange',
      'events_yellow',
      'events_blue',
    ]);
    const definition = (key: string) => week.headline.find((f) => f.key === key)?.definition;
    expect(definition('closure_rate')).toContain('专项行动开始（2026-11-10）');
    expect(definition('blacklist_candidates')).toContain('已核实欠薪 2 起及以上');
    expect(definition('blacklist_candidates')).toContain('引发群体聚集');
    expect(definition('new_leads')).toContain('不含转办');
    expect(definition('overdue')).toContain('报告生成时');
  });

  it('gives the by-town table, most open first, ties by new leads then name', () => {
    expect(week.by_town).toEqual(
      (
        [
          ['青石镇', 2, 4, 1, 0, 2, 0, 0, 0],
          ['河口镇', 2, 1, 1, 2, 2, 160_000, 21, 80],
          ['城关镇', 1, 1, 1, 1, 1, 86_000, 12, 66.7],
          ['属地未识别', 1, 1, 0, 0, 0, 0, 0, 0],
        ] satisfies Figures[]
      ).map(row),
    );
  });

  it('counts a lead under each of its departments', () => {
    expect(week.by_department).toEqual(
      (
        [
          ['人社', 6, 6, 3, 2, 4, 160_000, 21, 45.5],
          ['住建', 1, 2, 1, 3, 2, 246_000, 33, 60],
          ['水利', 1, 1, 1, 0, 0, 0, 0, 0],
          ['交通', 0, 1, 1, 0, 1, 0, 0, 0],
          ['教育', 1, 0, 0, 0, 0, 0, 0, 100],
        ] satisfies Figures[]
      ).map(row),
    );
  });

  it('names industries in Chinese', () => {
    expect(week.by_industry).toEqual(
      (
        [
          ['建筑施工', 1, 2, 1, 2, 3, 160_000, 21, 60],
          ['制造业', 1, 2, 0, 0, 1, 0, 0, 0],
          ['水利', 1, 1, 1, 0, 0, 0, 0, 0],
          ['未识别', 1, 1, 0, 0, 0, 0, 0, 0],
          ['交通运输', 0, 1, 1, 0, 1, 0, 0, 0],
          ['服务业', 1, 0, 0, 0, 0, 0, 0, 100],
          ['教育培训', 1, 0, 0, 0, 0, 0, 0, 100],
          ['房地产', 0, 0, 0, 1, 0, 86_000, 12, 100],
        ] satisfies Figures[]
      ).map(row),
    );
  });

  it('lists overdue leads by working days past due at the end of Sunday 11-29', () => {
    expect(week.overdue).toEqual([
      {
        lead_id: 'L06',
        title: 'L06欠薪',
        town: '青石镇',
        departments: ['住建'],
        due_at: sh('2026-11-12T23:59:59'),
        days_overdue: 11,
        step: '挂牌督办',
      },
      {
        lead_id: 'L05',
        title: 'L05欠薪',
        town: '河口镇',
        departments: ['人社', '住建'],
        due_at: sh('2026-11-18T23:59:59'),
        days_overdue: 7,
        step: '督办',
      },
      {
        lead_id: 'L13',
        title: 'L13欠薪',
        town: '河口镇',
        departments: ['人社'],
        due_at: sh('2026-11-20T23:59:59'),
        days_overdue: 5,
        step: '督办',
      },
      {
        lead_id: 'L04',
        title: 'L04欠薪',
        town: '城关镇',
        departments: ['人社', '交通'],
        due_at: sh('2026-11-25T23:59:59'),
        days_overdue: 2,
        step: '催办',
      },
      {
        lead_id: 'L14',
        title: 'L14欠薪',
        town: '青石镇',
        departments: ['人社'],
        due_at: sh('2026-11-27T23:59:59'),
        days_overdue: 0,
        step: '逾期',
      },
    ]);
  });

  it('ranks events seen during the week by level, then posts', () => {
    expect(week.top_events.map((e) => [e.event_id, e.level, e.posts, e.per_hour])).toEqual([
      ['E1', 'red', 40, 12],
      ['E3', 'orange', 60, 60],
      ['E2', 'orange', 25, 25],
      ['E4', 'yellow', 3, 3],
    ]);
    expect(week.top_events[0]).toEqual({
      event_id: 'E1',
      title: 'E1讨薪',
      level: 'red',
      town: '河口镇',
      posts: 40,
      per_hour: 12,
      first_seen: sh('2026-11-24T10:00:00'),
      last_seen: sh('2026-11-25T12:00:00'),
    });
    expect(week.events_by_level).toEqual({ red: 1, orange: 1, yellow: 1, blue: 0 });
  });

  it('gives one trend day per day of the week', () => {
    expect(week.trend.map((d) => [d.day, d.new_leads, d.resolved, d.events])).toEqual([
      ['2026-11-23', 1, 1, 1],
      ['2026-11-24', 1, 0, 1],
      ['2026-11-25', 1, 1, 0],
      ['2026-11-26', 1, 1, 0],
      ['2026-11-27', 1, 0, 0],
      ['2026-11-28', 0, 0, 0],
      ['2026-11-29', 1, 0, 1],
    ]);
  });

  it('lists repeat offenders at the end of the week, blacklist candidates first', () => {
    expect(week.repeat_offenders.map((g) => [g.kind, g.name, g.blacklist_candidate])).toEqual([
      ['company', '青禾鑫达建设工程有限公司', true],
      ['project', '滨江花园', true],
      ['company', '城关置业有限公司', true],
      ['company', '平安物流有限公司', true],
      ['project', '安置房二期', false],
    ]);
  });

  it('takes the clearance block at the end of the week, open agreeing with the tables', () => {
    const { clearance } = week;
    expect(clearance).toMatchObject({
      campaign: '冬季专项行动',
      deadline: '2027-02-04',
      open: 7,
      projected_zero_date: '2026-12-13',
      on_track: true,
    });
    expect(clearance.burn_down).toHaveLength(20);
    expect(clearance.burn_down.find((d) => d.day === '2026-11-22')).toEqual({ day: '2026-11-22', open: 6 });
    expect(clearance.burn_down.at(-1)).toEqual({ day: '2026-11-29', open: 7 });
    expect(clearance.ideal).toHaveLength(87);
    expect(clearance.ideal[0]).toEqual({ day: '2026-11-10', open: 1 });
    expect(week.by_town.reduce((sum, r) => sum + r.open, 0)).toBe(clearance.open);
  });
});

describe('period boundaries are Shanghai midnights', () => {
  it.each([
    ['2026-11-22T16:00:00Z', 1, '2026-11-23'],
    [sh('2026-11-23T00:00:00'), 1, '2026-11-23'],
    ['2026-11-22T15:59:59Z', 0, null],
    [sh('2026-11-29T23:59:59'), 1, '2026-11-29'],
    [sh('2026-11-30T00:00:00'), 0, null],
  ] as const)('a lead received at %s counts %d', (received, count, day) => {
    const data = buildReportData(reportInput({ leads: [reportLead('X', 'new', { received })] }));
    expect(headlineValues(data).new_leads).toBe(count);
    expect(data.trend.filter((d) => d.new_leads > 0).map((d) => d.day)).toEqual(day ? [day] : []);
  });
});

describe('a period still running', () => {
  const running = buildReportData(reportInput({ now: new Date(sh('2026-11-26T12:00:00')) }));

  it('judges deadlines and the ladder at now, not at the period end', () => {
    expect(headlineValues(running).overdue).toBe(4);
    expect(running.overdue.map((r) => [r.lead_id, r.days_overdue, r.step])).toEqual([
      ['L06', 10, '督办'],
      ['L05', 6, '督办'],
      ['L13', 4, '督办'],
      ['L04', 1, '催办'],
    ]);
    expect(running.issued_on).toBe('2026年11月26日');
    expect(running.clearance.burn_down.at(-1)?.day).toBe('2026-11-26');
  });
});

describe('the monthly bulletin', () => {
  const month = buildReportData(
    reportInput({
      kind: 'monthly',
      period: periodFor('monthly', '2026-11-15'),
      now: new Date(sh('2026-12-01T09:00:00')),
    }),
  );

  it('covers the calendar month against the month before', () => {
    expect(month.title).toBe('青禾县根治欠薪工作月通报（2026年11月）');
    expect(month.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(month.previous).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(month.issued_on).toBe('2026年12月1日');
    expect(month.trend).toHaveLength(30);
    expect(month.trend[0]?.day).toBe('2026-11-01');
    expect(month.trend.at(-1)?.day).toBe('2026-11-30');
  });

  it('counts the whole month, the 30th included', () => {
    const values = headlineValues(month);
    expect(values).toEqual({
      new_leads: 15,
      verified: 7,
      resolved: 5,
      closure_rate: 50,
      amount_recovered: 326_000,
      workers_paid: 46,
      overdue: 5,
      to_police: 3,
      blacklist_candidates: 3,
      events_red: 1,
      events_orange: 2,
      events_yellow: 1,
      events_blue: 2,
    });
    expect(month.headline.every((f) => f.previous === 0 && f.change === f.value)).toBe(true);
  });
});

describe('an empty period', () => {
  it('is empty with zeros and no rows when nothing happened', () => {
    const data = buildReportData(reportInput({ period: { from: '2026-10-05', to: '2026-10-11' } }));
    expect(data.empty).toBe(true);
    expect(data.headline.every((f) => f.value === 0 && f.previous === 0 && f.change === 0)).toBe(true);
    expect(data.by_town).toEqual([]);
    expect(data.by_department).toEqual([]);
    expect(data.by_industry).toEqual([]);
    expect(data.overdue).toEqual([]);
    expect(data.repeat_offenders).toEqual([]);
    expect(data.top_events).toEqual([]);
    expect(data.events_by_level).toEqual({ red: 0, orange: 0, yellow: 0, blue: 0 });
    expect(data.trend).toEqual(
      ['05', '06', '07', '08', '09', '10', '11'].map((d) => ({
        day: `2026-10-${d}`,
        new_leads: 0,
        resolved: 0,
        events: 0,
      })),
    );
    expect(data.clearance).toMatchObject({ open: 0, burn_down: [], projected_zero_date: null });
  });

  it('is empty with no records at all, and an event of level none does not count', () => {
    const none = EVENTS.filter((e) => e.level === 'none');
    const data = buildReportData(reportInput({ leads: [], events: none, cases: [] }));
    expect(none).toHaveLength(1);
    expect(data.empty).toBe(true);
    expect(data.headline.every((f) => f.value === 0)).toBe(true);
  });

  it('is not empty when the only thing that happened is an earlier lead verified', () => {
    const verified = LEADS.filter((lead) => lead.id === 'L04');
    const data = buildReportData(reportInput({ leads: verified, events: [], cases: [] }));
    expect(data.empty).toBe(false);
    expect(headlineValues(data).new_leads).toBe(0);
  });
});

describe('periods', () => {
  it.each([
    ['2026-11-23', '2026-11-23', '2026-11-29'],
    ['2026-11-26', '2026-11-23', '2026-11-29'],
    ['2026-11-29', '2026-11-23', '2026-11-29'],
    ['2026-12-01', '2026-11-30', '2026-12-06'],
    ['2027-01-01', '2026-12-28', '2027-01-03'],
    ['2027-01-04', '2027-01-04', '2027-01-10'],
  ])('the ISO week containing %s runs %s to %s', (day, from, to) => {
    expect(periodFor('weekly', day)).toEqual({ from, to });
  });

  it.each([
    ['2026-12-15', '2026-12-01', '2026-12-31'],
    ['2027-01-01', '2027-01-01', '2027-01-31'],
    ['2027-02-10', '2027-02-01', '2027-02-28'],
    ['2028-02-29', '2028-02-01', '2028-02-29'],
  ])('the month containing %s runs %s to %s', (day, from, to) => {
    expect(periodFor('monthly', day)).toEqual({ from, to });
  });

  it.each([
    ['weekly', '2026-11-30', '2026-12-06', '2026-11-23', '2026-11-29'],
    ['weekly', '2026-12-28', '2027-01-03', '2026-12-21', '2026-12-27'],
    ['weekly', '2027-01-04', '2027-01-10', '2026-12-28', '2027-01-03'],
    ['monthly', '2027-01-01', '2027-01-31', '2026-12-01', '2026-12-31'],
    ['monthly', '2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['monthly', '2026-12-01', '2026-12-31', '2026-11-01', '2026-11-30'],
  ] as const)('%s %s..%s comes after %s..%s', (kind, from, to, prevFrom, prevTo) => {
    expect(previousPeriod(kind, { from, to })).toEqual({ from: prevFrom, to: prevTo });
  });

  it.each([
    ['weekly', sh('2026-11-30T09:00:00'), '2026-11-23', '2026-11-29'],
    ['weekly', '2026-11-29T16:00:00Z', '2026-11-23', '2026-11-29'],
    ['weekly', '2026-11-29T15:59:59Z', '2026-11-16', '2026-11-22'],
    ['weekly', sh('2027-01-04T08:00:00'), '2026-12-28', '2027-01-03'],
    ['monthly', sh('2027-01-01T00:00:00'), '2026-12-01', '2026-12-31'],
    ['monthly', '2026-12-31T15:59:59Z', '2026-11-01', '2026-11-30'],
  ] as const)('by default the %s report at %s covers %s..%s', (kind: ReportKind, now, from, to) => {
    expect(defaultPeriod(kind, new Date(now))).toEqual({ from, to });
  });

  it('refuses dates that do not exist and periods that end before they start', () => {
    expect(() => periodFor('weekly', '2026-02-30')).toThrow(RangeError);
    expect(() => buildReportData(reportInput({ period: { from: '2026-11-29', to: '2026-11-23' } }))).toThrow(
      RangeError,
    );
  });
});
