import type { PoliceCase } from '../../src/cases/police-case.ts';
import type { Industry, Level, Risk } from '../../src/domain/classification.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import type { Lead, LeadState, LeadWork } from '../../src/leads/lead-record.ts';
import { createWorkingCalendar } from '../../src/leads/working-days.ts';
import type { ReportInput } from '../../src/reports/report-data.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { sampleLead } from '../helpers/sample-leads.ts';

/**
 * A county's leads, events and cases around the week 2026-11-23..29 (current) and 2026-11-16..22
 * (previous), with stamps on the Shanghai midnights. The expected figures are worked out by hand
 * in report-data.test.ts; change one record here and they all need working out again.
 */

/** Shanghai wall-clock time, `2026-11-23T10:00:00` → `2026-11-23T10:00:00+08:00`. */
export const sh = (local: string) => `${local}+08:00`;

const by = '经办人';

interface LeadSpec {
  received: string;
  town?: string | null;
  depts?: string[];
  /** Owners set (state other than new); a new lead has none, so facts decide. */
  routed?: boolean;
  industry?: Industry;
  companies?: string[];
  projects?: string[];
  risks?: Risk[];
  crime?: boolean;
  updated?: string;
  verifiedAt?: string;
  resolved?: { at: string; yuan: number; workers: number };
  closedAt?: string;
  work?: Partial<LeadWork>;
}

/** A lead in `state` built on sampleLead, with only what the spec names. */
export function reportLead(id: string, state: LeadState, spec: LeadSpec): Lead {
  const base = sampleLead(state);
  const town = spec.town === undefined ? '河口镇' : spec.town;
  const depts = spec.depts ?? ['人社', '住建'];
  const routed = spec.routed ?? state !== 'new';
  const { resolved } = spec;
  return {
    ...base,
    id,
    created_at: spec.received,
    updated_at: spec.updated ?? spec.received,
    facts: {
      ...base.facts,
      title: `${id}欠薪`,
      first_received_at: spec.received,
      town,
      departments: depts,
      industry: spec.industry ?? 'construction',
      companies: spec.companies ?? [],
      projects: spec.projects ?? [],
      risks: spec.risks ?? [],
      crime_threshold_reached: spec.crime ?? false,
    },
    work: {
      ...base.work,
      owner_town: routed ? town : null,
      owner_departments: routed ? depts : [],
      verification: spec.verifiedAt ? { note: '属实', by, at: spec.verifiedAt } : null,
      resolution: resolved
        ? {
            paid_yuan: resolved.yuan,
            workers_paid: resolved.workers,
            paid_on: resolved.at.slice(0, 10),
            note: '',
            by,
            at: resolved.at,
          }
        : null,
      closed: spec.closedAt ? { by, at: spec.closedAt, note: null } : null,
      ...spec.work,
    },
  };
}

const due = (day: string) => sh(`${day}T23:59:59`);

/** Sixteen leads; the comment on each says where its stamps fall. */
export const LEADS: Lead[] = [
  // Received at 00:00 Shanghai on the first day, verified and resolved inside the week.
  reportLead('L01', 'resolved', {
    received: '2026-11-22T16:00:00Z',
    companies: ['青禾鑫达建设工程有限公司'],
    verifiedAt: sh('2026-11-24T10:00:00'),
    resolved: { at: sh('2026-11-26T15:00:00'), yuan: 120_000, workers: 15 },
  }),
  // The last second of the week; not routed yet, so facts decide town and departments.
  reportLead('L02', 'new', {
    received: sh('2026-11-29T23:59:59'),
    town: '青石镇',
    depts: ['人社'],
    industry: 'manufacturing',
  }),
  // Midnight after the week: in no figure of the week.
  reportLead('L03', 'new', { received: sh('2026-11-30T00:00:00') }),
  // The last second of the previous week; verified at the first instant of this one; 平安物流 has a
  // verified lead that caused a gathering (blacklist risk).
  reportLead('L04', 'verified', {
    received: sh('2026-11-22T23:59:59'),
    town: '城关镇',
    depts: ['人社', '交通'],
    industry: 'transport',
    companies: ['平安物流有限公司'],
    risks: ['mass_gathering'],
    verifiedAt: sh('2026-11-23T00:00:00'),
    work: { due_at: due('2026-11-25') },
  }),
  reportLead('L05', 'assigned', {
    received: sh('2026-11-16T09:00:00'),
    projects: ['安置房二期'],
    work: { due_at: due('2026-11-18') },
  }),
  // Received before both weeks; 挂牌督办 by the end of this one.
  reportLead('L06', 'assigned', {
    received: sh('2026-11-10T10:00:00'),
    town: '青石镇',
    depts: ['住建'],
    projects: ['安置房二期'],
    work: { due_at: due('2026-11-12') },
  }),
  // 不属实: cleared on the day of its last update.
  reportLead('L07', 'unfounded', {
    received: sh('2026-11-25T14:00:00'),
    town: '城关镇',
    depts: ['人社'],
    industry: 'services',
    updated: sh('2026-11-27T10:00:00'),
  }),
  // Resolved at the last second of the previous week, closed in this one: cleared on 11-22.
  reportLead('L08', 'closed', {
    received: sh('2026-11-18T10:00:00'),
    depts: ['人社'],
    projects: ['滨江花园'],
    verifiedAt: sh('2026-11-19T10:00:00'),
    resolved: { at: sh('2026-11-22T23:59:59'), yuan: 50_000, workers: 8 },
    closedAt: sh('2026-11-24T10:00:00'),
  }),
  // Forwarded (转办) out of the county: never a new lead, never counted for clearance.
  reportLead('L09', 'closed', {
    received: sh('2026-11-19T10:00:00'),
    town: null,
    depts: ['人社'],
    work: { forwarded: { to: '邻县', note: '', by, at: sh('2026-11-20T10:00:00') } },
  }),
  // Routed to a department, the town unknown; the industry unrecognised.
  reportLead('L10', 'verifying', {
    received: sh('2026-11-24T11:00:00'),
    town: null,
    depts: ['人社'],
    industry: 'none',
    work: { due_at: due('2026-12-08') },
  }),
  // Resolved at the first instant after the week: open at the week's end, not in its amounts.
  reportLead('L11', 'resolved', {
    received: sh('2026-11-27T08:00:00'),
    town: '青石镇',
    depts: ['人社', '水利'],
    industry: 'water',
    projects: ['滨江花园'],
    verifiedAt: sh('2026-11-27T09:00:00'),
    resolved: { at: sh('2026-11-30T00:00:00'), yuan: 30_000, workers: 5 },
  }),
  // Resolved at 2026-11-22T16:00Z, which is 2026-11-23 00:00 Shanghai: this week's.
  reportLead('L12', 'resolved', {
    received: sh('2026-11-17T10:00:00'),
    town: '城关镇',
    depts: ['住建'],
    industry: 'real_estate',
    companies: ['城关置业有限公司'],
    crime: true,
    verifiedAt: sh('2026-11-20T10:00:00'),
    resolved: { at: '2026-11-22T16:00:00Z', yuan: 86_000, workers: 12 },
  }),
  // Received before the campaign started: overdue, but not counted for clearance.
  reportLead('L13', 'assigned', {
    received: sh('2026-11-05T10:00:00'),
    depts: ['人社'],
    work: { due_at: due('2026-11-20') },
  }),
  // Due Friday 11-27: past due by Sunday, but no working day has passed (逾期, 0 days).
  reportLead('L14', 'verified', {
    received: sh('2026-11-20T10:00:00'),
    town: '青石镇',
    depts: ['人社'],
    industry: 'manufacturing',
    verifiedAt: sh('2026-11-21T10:00:00'),
    work: { due_at: due('2026-11-27') },
  }),
  // Closed without a resolution: cleared on the day it was closed.
  reportLead('L15', 'closed', {
    received: sh('2026-11-26T10:00:00'),
    depts: ['人社', '教育'],
    industry: 'education_training',
    closedAt: sh('2026-11-28T10:00:00'),
  }),
  // 青禾鑫达's second verified lead: a blacklist candidate once L01 is received (this week).
  reportLead('L16', 'resolved', {
    received: sh('2026-11-21T10:00:00'),
    companies: ['青禾鑫达建设工程有限公司'],
    verifiedAt: sh('2026-11-21T15:00:00'),
    resolved: { at: sh('2026-11-25T10:00:00'), yuan: 40_000, workers: 6 },
  }),
];

function event(id: string, level: Level, firstSeen: string, lastSeen: string, posts: number): EventRecord {
  return {
    ...sampleEvent(),
    id,
    title: `${id}讨薪`,
    level,
    first_seen: firstSeen,
    last_seen: lastSeen,
    post_count: posts,
    hourly: [[firstSeen.slice(0, 13), posts]],
  };
}

export const EVENTS: EventRecord[] = [
  {
    ...event('E1', 'red', sh('2026-11-24T10:00:00'), sh('2026-11-25T12:00:00'), 40),
    hourly: [
      ['2026-11-24T10', 5],
      ['2026-11-24T11', 12],
      ['2026-11-25T12', 3],
    ],
  },
  event('E2', 'orange', '2026-11-22T16:00:00Z', sh('2026-11-23T08:00:00'), 25),
  // First seen last week, still spreading this week: a top event of both.
  event('E3', 'orange', sh('2026-11-20T10:00:00'), sh('2026-11-23T08:00:00'), 60),
  event('E4', 'yellow', sh('2026-11-29T23:59:59'), sh('2026-11-29T23:59:59'), 3),
  event('E5', 'blue', sh('2026-11-30T00:00:00'), sh('2026-11-30T02:00:00'), 2),
  event('E6', 'none', sh('2026-11-26T10:00:00'), sh('2026-11-26T11:00:00'), 9),
  event('E7', 'blue', sh('2026-11-18T10:00:00'), sh('2026-11-19T10:00:00'), 4),
];

function policeCase(id: string, flaggedAt: string): PoliceCase {
  return {
    id,
    subject: { kind: 'lead', id },
    title: id,
    town: '河口镇',
    risks: ['mass_gathering'],
    crime_threshold: false,
    reasons: [],
    flagged_at: flaggedAt,
    status: 'pending',
    decisions: [],
    flag_history: [],
    updated_at: flaggedAt,
  };
}

export const CASES: PoliceCase[] = [
  policeCase('C1', sh('2026-11-24T10:00:00')),
  policeCase('C2', sh('2026-11-22T23:59:59')),
  policeCase('C3', sh('2026-11-30T00:00:00')),
];

/** Monday to Friday with 国庆节 entered, so 2026 counts as covered. */
export const CALENDAR = createWorkingCalendar({
  covered_years: [2026],
  holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
  workdays: [],
});

/** The input for the week of 2026-11-23, generated on Monday morning. */
export function reportInput(over: Partial<ReportInput> = {}): ReportInput {
  return {
    kind: 'weekly',
    period: { from: '2026-11-23', to: '2026-11-29' },
    leads: LEADS,
    events: EVENTS,
    cases: CASES,
    config: {
      county: '青禾县',
      campaign: { name: '冬季专项行动', start: '2026-11-10', clearance_deadline: '2027-02-04' },
      blacklist: { crime_threshold: true, risks: ['mass_gathering'], min_verified_cases: 2 },
    },
    calendar: CALENDAR,
    now: new Date(sh('2026-11-30T09:00:00')),
    ...over,
  };
}
