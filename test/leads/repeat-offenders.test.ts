import { describe, expect, it } from 'vitest';
import type { Risk } from '../../src/domain/classification.ts';
import type { Lead, LeadState, LeadWork } from '../../src/leads/lead-record.ts';
import { repeatOffenders } from '../../src/leads/repeat-offenders.ts';
import { isVerifiedCase } from '../../src/leads/verified-case.ts';
import { sampleLead } from '../helpers/sample-leads.ts';

const blacklist = {
  crime_threshold: true,
  risks: ['mass_gathering', 'extreme'] as Risk[],
  min_verified_cases: 2,
};
const now = new Date('2026-12-20T12:00:00+08:00');
const by = '人社局刘科长';

interface Spec {
  companies?: string[];
  projects?: string[];
  amount: number | null;
  workers: number | null;
  crime?: boolean;
  risks?: Risk[];
  work?: Partial<LeadWork>;
}

/** A lead received at 09:00 on `day`, naming the given companies and projects. */
function lead(id: string, state: LeadState, day: string, spec: Spec): Lead {
  const base = sampleLead(state);
  return {
    ...base,
    id,
    facts: {
      ...base.facts,
      first_received_at: `${day}T09:00:00+08:00`,
      companies: spec.companies ?? [],
      projects: spec.projects ?? [],
      amount_yuan: spec.amount,
      workers: spec.workers,
      crime_threshold_reached: spec.crime ?? false,
      risks: spec.risks ?? [],
    },
    work: { ...base.work, ...spec.work },
  };
}

const QINGHE = '青禾鑫达建设工程有限公司';
const fixture: Lead[] = [
  lead('R1', 'verified', '2026-11-01', { companies: [QINGHE], amount: 480_000, workers: 32, crime: true }),
  lead('R2', 'resolved', '2026-11-02', {
    companies: ['青禾鑫达建设公司'],
    amount: 100_000,
    workers: 10,
    risks: ['mass_gathering'],
  }),
  // Not verified: its crime threshold and extreme act give no basis.
  lead('R3', 'assigned', '2026-11-03', {
    companies: [QINGHE, '远航劳务有限公司'],
    amount: 50_000,
    workers: 5,
    crime: true,
    risks: ['extreme'],
  }),
  lead('R4', 'unfounded', '2026-11-04', { companies: ['远航劳务有限公司'], amount: 70_000, workers: 7 }),
  lead('R5', 'verified', '2026-11-05', {
    companies: ['景程置业有限公司'],
    projects: ['滨河花园二期项目'],
    amount: 200_000,
    workers: 20,
    risks: ['extreme'],
  }),
  lead('R6', 'new', '2026-11-06', {
    companies: ['明远建筑有限公司'],
    projects: ['滨河花园二期项目'],
    amount: 90_000,
    workers: 9,
  }),
  lead('R7', 'unfounded', '2026-11-07', { projects: ['滨河花园（二期）工程'], amount: 10_000, workers: 1 }),
  // Verified, then reopened: still a verified case.
  lead('R8', 'verifying', '2026-11-08', {
    companies: ['宏达劳务'],
    amount: null,
    workers: 3,
    work: { verification: { note: '属实', by, at: '2026-11-10T10:00:00+08:00' } },
  }),
  // Closed after 不属实: not a verified case, and its amount is left out.
  lead('R9', 'closed', '2026-11-09', {
    companies: ['宏达劳务'],
    amount: 5_000,
    workers: 1,
    work: { unfounded_reason: '已按时发放', closed: { by, at: '2026-11-12T10:00:00+08:00', note: null } },
  }),
  // Received after `now`: not yet known.
  lead('R10', 'verified', '2026-12-21', { companies: ['青禾鑫达建设公司'], amount: 1, workers: 1 }),
];

const summary = (group: { kind: string; name: string; leads: { id: string }[] }) =>
  `${group.kind}:${group.name}:${group.leads.map((l) => l.id).join(',')}`;

describe('repeatOffenders', () => {
  const groups = repeatOffenders(fixture, blacklist, now);

  it('lists candidates first, then by verified cases and amount', () => {
    expect(groups.map(summary)).toEqual([
      `company:${QINGHE}:R1,R2,R3`,
      'project:滨河花园二期项目:R5,R6,R7',
      'company:景程置业有限公司:R5',
      'company:宏达劳务:R8,R9',
      'company:远航劳务有限公司:R3,R4',
    ]);
  });

  it('merges two spellings and bases the blacklist only on verified leads', () => {
    expect(groups[0]).toEqual({
      kind: 'company',
      name: QINGHE,
      leads: [
        {
          id: 'R1',
          state: 'verified',
          first_received_at: '2026-11-01T09:00:00+08:00',
          amount_yuan: 480_000,
          workers: 32,
        },
        {
          id: 'R2',
          state: 'resolved',
          first_received_at: '2026-11-02T09:00:00+08:00',
          amount_yuan: 100_000,
          workers: 10,
        },
        {
          id: 'R3',
          state: 'assigned',
          first_received_at: '2026-11-03T09:00:00+08:00',
          amount_yuan: 50_000,
          workers: 5,
        },
      ],
      verified_cases: 2,
      total_amount_yuan: 630_000,
      total_workers: 47,
      blacklist_candidate: true,
      basis: [
        '已核实欠薪 2 起（≥ 2 起）',
        '达到拒不支付劳动报酬罪数额标准（线索 R1）',
        '引发群体聚集（线索 R2）',
      ],
    });
  });

  it('groups a project by its normalized name, leaving out unfounded amounts', () => {
    expect(groups[1]).toMatchObject({
      verified_cases: 1,
      total_amount_yuan: 290_000,
      total_workers: 29,
      blacklist_candidate: true,
      basis: ['引发极端事件（线索 R5）'],
    });
  });

  it('lists a single verified lead, and repeat leads with none verified, without a basis', () => {
    expect(
      groups.slice(2).map((g) => [g.verified_cases, g.total_amount_yuan, g.blacklist_candidate, g.basis]),
    ).toEqual([
      [1, 200_000, true, ['引发极端事件（线索 R5）']],
      [1, 0, false, []],
      [0, 50_000, false, []],
    ]);
  });

  it('needs min_verified_cases when no risk or threshold applies', () => {
    const strict = repeatOffenders(
      fixture,
      { crime_threshold: false, risks: [], min_verified_cases: 3 },
      now,
    );
    expect(strict.filter((g) => g.blacklist_candidate)).toEqual([]);
    const loose = repeatOffenders(fixture, { crime_threshold: false, risks: [], min_verified_cases: 1 }, now);
    expect(loose.filter((g) => g.blacklist_candidate).map((g) => [g.name, g.basis])).toEqual([
      [QINGHE, ['已核实欠薪 2 起（≥ 1 起）']],
      ['滨河花园二期项目', ['已核实欠薪 1 起（≥ 1 起）']],
      ['景程置业有限公司', ['已核实欠薪 1 起（≥ 1 起）']],
      ['宏达劳务', ['已核实欠薪 1 起（≥ 1 起）']],
    ]);
  });

  it('counts R10 once it has been received', () => {
    const later = repeatOffenders(fixture, blacklist, new Date('2026-12-22T00:00:00+08:00'));
    expect(later[0]).toMatchObject({
      name: QINGHE,
      verified_cases: 3,
      basis: expect.arrayContaining(['已核实欠薪 3 起（≥ 2 起）']),
    });
  });

  it.each([
    ['verified', {}, true],
    ['resolved', {}, true],
    [
      'closed',
      {
        resolution: {
          paid_yuan: 1,
          workers_paid: 1,
          paid_on: '2026-11-20',
          note: '',
          by,
          at: '2026-11-20T10:00:00+08:00',
        },
      },
      true,
    ],
    ['closed', {}, false],
    ['unfounded', { verification: { note: '', by, at: '2026-11-10T10:00:00+08:00' } }, false],
    ['new', {}, false],
  ] as [LeadState, Partial<LeadWork>, boolean][])('isVerifiedCase: %s %j → %s', (state, work, expected) => {
    const base = sampleLead(state);
    expect(isVerifiedCase({ ...base, work: { ...base.work, ...work } })).toBe(expected);
  });
});
