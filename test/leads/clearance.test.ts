import { describe, expect, it } from 'vitest';
import { clearanceView } from '../../src/leads/clearance.ts';
import type { Lead, LeadState, LeadWork } from '../../src/leads/lead-record.ts';
import { sampleLead } from '../helpers/sample-leads.ts';

const campaign = { name: '冬季专项行动', start: '2026-12-01', clearance_deadline: '2027-01-12' };
const now = new Date('2026-12-20T18:00:00+08:00');
const t = (day: string, time = '10:00:00') => `${day}T${time}+08:00`;
const by = '河口镇张干事';
const resolution = (at: string) => ({
  paid_yuan: 1,
  workers_paid: 1,
  paid_on: at.slice(0, 10),
  note: '',
  by,
  at,
});

interface Spec {
  town?: string | null;
  depts?: string[];
  updated?: string;
  work?: Partial<LeadWork>;
}

/** A lead received at `received`; routed to its town and departments unless still new. */
function lead(id: string, state: LeadState, received: string, spec: Spec = {}): Lead {
  const base = sampleLead(state);
  const town = spec.town === undefined ? '河口镇' : spec.town;
  const departments = spec.depts ?? ['人社', '住建'];
  const routed = state !== 'new';
  return {
    ...base,
    id,
    updated_at: spec.updated ?? received,
    facts: { ...base.facts, first_received_at: received, town, departments },
    work: {
      ...base.work,
      owner_town: routed ? town : null,
      owner_departments: routed ? departments : [],
      ...spec.work,
    },
  };
}

const qingshi = { town: '青石镇', depts: ['人社'] };
const fixture: Lead[] = [
  lead('L01', 'resolved', t('2026-12-01', '00:00:00'), { work: { resolution: resolution(t('2026-12-05')) } }),
  lead('L02', 'assigned', t('2026-11-30', '23:59:59')),
  lead('L03', 'verified', t('2026-12-02'), { work: { due_at: t('2026-12-15', '23:59:59') } }),
  lead('L04', 'closed', t('2026-12-03'), {
    work: { resolution: resolution(t('2026-12-08')), closed: { by, at: t('2026-12-10'), note: null } },
  }),
  lead('L05', 'unfounded', t('2026-12-04'), { ...qingshi, updated: t('2026-12-09') }),
  lead('L06', 'verifying', t('2026-12-05'), {
    ...qingshi,
    work: {
      due_at: t('2026-12-30', '23:59:59'),
      verification: { note: '属实', by, at: t('2026-12-07') },
      reopened: [{ by, at: t('2026-12-12'), reason: '再次反映' }],
    },
  }),
  // 23:59:59 in Shanghai, written in UTC: cleared on 12-14.
  lead('L07', 'resolved', t('2026-12-06'), {
    town: '青石镇',
    depts: ['住建'],
    work: { resolution: resolution('2026-12-14T15:59:59Z') },
  }),
  lead('L08', 'verifying', t('2026-12-08'), {
    town: '柳湾乡',
    depts: ['住建'],
    work: { due_at: t('2026-12-18', '23:59:59') },
  }),
  lead('L09', 'new', t('2026-12-10'), { town: '柳湾乡', depts: ['人社'] }),
  lead('L10', 'new', t('2026-12-11'), { town: null, depts: ['人社'] }),
  lead('L11', 'closed', t('2026-12-12'), {
    work: { forwarded: { to: '邻县', note: '', by, at: t('2026-12-12') } },
  }),
  // 00:30 in Shanghai, written in UTC: cleared on 12-18.
  lead('L12', 'resolved', t('2026-12-15'), { work: { resolution: resolution('2026-12-17T16:30:00Z') } }),
  lead('L13', 'verified', t('2026-12-16'), qingshi),
  lead('L14', 'new', t('2026-12-20', '19:00:00')),
];

const row = (
  unit: string,
  leads: number,
  open: number,
  vu: number,
  cleared: number,
  overdue: number,
  rate: number,
) => ({
  unit,
  leads,
  open,
  verified_unresolved: vu,
  cleared,
  overdue,
  rate,
});

describe('clearanceView', () => {
  const view = clearanceView(fixture, campaign, now);

  it('counts leads received in the campaign, not forwarded, by now', () => {
    expect(view).toMatchObject({ campaign: '冬季专项行动', as_of: '2026-12-20', deadline: '2027-01-12' });
    expect(view.totals).toEqual({
      leads: 11,
      open: 6,
      verified_unresolved: 2,
      cleared: 5,
      overdue: 2,
      clearance_rate: 0.4545,
    });
  });

  it('rows by town (routed, else stated, else 属地未识别) and department, most open first', () => {
    expect(view.by_town).toEqual([
      row('柳湾乡', 2, 2, 0, 0, 1, 0),
      row('青石镇', 4, 2, 1, 2, 0, 0.5),
      row('河口镇', 4, 1, 1, 3, 1, 0.75),
      row('属地未识别', 1, 1, 0, 0, 0, 0),
    ]);
    expect(view.by_department).toEqual([
      row('人社', 9, 5, 2, 4, 1, 0.4444),
      row('住建', 6, 2, 1, 4, 2, 0.6667),
    ]);
  });

  it('burns down by Shanghai day, the reopened L06 open all along', () => {
    expect(view.burn_down.map((point) => point.open)).toEqual([
      1, 2, 3, 4, 4, 5, 5, 5, 4, 5, 6, 6, 6, 5, 6, 7, 7, 6, 6, 6,
    ]);
    expect(view.burn_down[0]).toEqual({ day: '2026-12-01', open: 1 });
    expect(view.burn_down[13]).toEqual({ day: '2026-12-14', open: 5 });
    expect(view.burn_down.at(-1)).toEqual({ day: '2026-12-20', open: view.totals.open });
  });

  it('draws the ideal line from the first day down to 0 on the deadline', () => {
    expect(view.ideal).toHaveLength(43);
    expect([view.ideal[0], view.ideal[1], view.ideal[21], view.ideal[42]]).toEqual([
      { day: '2026-12-01', open: 1 },
      { day: '2026-12-02', open: 0.98 },
      { day: '2026-12-22', open: 0.5 },
      { day: '2027-01-12', open: 0 },
    ]);
  });

  it('projects the zero date from the last 14 days: 4 cleared, 6 open → 21 days', () => {
    expect(view.closing_rate).toEqual({ window_days: 14, cleared: 4, per_day: 0.2857 });
    expect(view.projected_zero_date).toBe('2027-01-10');
    expect(view.on_track).toBe(true);
  });

  it('flags units projected past the deadline, not clearing, or with overdue leads', () => {
    expect(view.behind).toEqual([
      {
        kind: 'town',
        unit: '柳湾乡',
        projected_zero_date: null,
        reasons: ['近14天无办结，无法预计清零（在办 2 件）', '超期未办结 1 件'],
      },
      { kind: 'town', unit: '河口镇', projected_zero_date: '2026-12-27', reasons: ['超期未办结 1 件'] },
      {
        kind: 'town',
        unit: '属地未识别',
        projected_zero_date: null,
        reasons: ['近14天无办结，无法预计清零（在办 1 件）'],
      },
      {
        kind: 'department',
        unit: '人社',
        projected_zero_date: '2027-01-13',
        reasons: ['按近14天日均办结 0.21 件，预计 2027-01-13 清零，晚于期限 2027-01-12', '超期未办结 1 件'],
      },
      { kind: 'department', unit: '住建', projected_zero_date: '2026-12-30', reasons: ['超期未办结 2 件'] },
    ]);
  });

  it('uses a shorter window while the campaign is younger than 14 days', () => {
    const young = clearanceView(fixture, campaign, new Date(t('2026-12-05', '20:00:00')));
    expect(young.closing_rate).toEqual({ window_days: 5, cleared: 1, per_day: 0.2 });
    expect(young.totals).toMatchObject({ leads: 5, open: 2 });
    expect(young.projected_zero_date).toBe('2026-12-15');
  });

  it('starts the campaign at Shanghai midnight, however the time is written', () => {
    const edge = [
      '2026-11-30T23:59:59+08:00',
      '2026-12-01T00:00:00+08:00',
      '2026-11-30T15:59:59Z',
      '2026-11-30T16:00:00Z',
    ];
    const leads = edge.map((at, i) => lead(`E${i}`, 'assigned', at));
    const result = clearanceView(leads, campaign, now);
    expect(result.totals.leads).toBe(2);
    expect(result.burn_down[0]).toEqual({ day: '2026-12-01', open: 2 });
  });

  it('gives zeros and no projection for no leads', () => {
    const empty = clearanceView([], campaign, now);
    expect(empty.totals).toEqual({
      leads: 0,
      open: 0,
      verified_unresolved: 0,
      cleared: 0,
      overdue: 0,
      clearance_rate: 0,
    });
    expect([empty.by_town, empty.by_department, empty.behind]).toEqual([[], [], []]);
    expect(empty.burn_down).toHaveLength(20);
    expect(empty.burn_down.every((point) => point.open === 0)).toBe(true);
    expect(empty.closing_rate).toEqual({ window_days: 14, cleared: 0, per_day: 0 });
    expect(empty.projected_zero_date).toBeNull();
    expect(empty.on_track).toBe(true);
  });

  it('has no burn-down and no projection before the campaign starts', () => {
    const early = clearanceView(fixture, campaign, new Date(t('2026-11-30', '23:00:00')));
    expect(early.totals.leads).toBe(0);
    expect(early.burn_down).toEqual([]);
    expect(early.closing_rate).toEqual({ window_days: 0, cleared: 0, per_day: 0 });
    expect(early.projected_zero_date).toBeNull();
  });
});
