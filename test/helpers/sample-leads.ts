import type { Lead, LeadState } from '../../src/leads/lead-record.ts';
import { emptyWork } from '../../src/leads/lead-store.ts';

/** A lead of 河口镇 owned by 人社 and 住建, in `state`, with one report; fields overridable. */
export function sampleLead(state: LeadState = 'assigned', overrides: Partial<Lead> = {}): Lead {
  const classification = {
    lead: true,
    resolved: false,
    categories: ['wage_arrears' as const],
    industry: 'construction' as const,
    risks: [],
    amount_yuan: 480_000,
    amount_range: null,
    workers: 32,
    workers_range: null,
    months_owed: null,
    place: null,
    town: '河口镇',
    orgs: [],
    pii: { phones: [], id_numbers: [] },
    departments: ['人社', '住建'],
    crime_threshold: { reached: null, basis: '' },
    level: 'yellow' as const,
    score: 3,
    hits: [],
  };
  return {
    id: 'XS-20261120-abcdef',
    created_at: '2026-11-20T09:00:00+08:00',
    updated_at: '2026-11-20T09:00:00+08:00',
    reports: [
      {
        source: 'national-platform',
        external_id: 'GJ-1',
        received_at: '2026-11-20T09:00:00+08:00',
        item: { external_id: 'GJ-1', complainant: {}, description: '拖欠工资' },
        digest: 'd',
        classification: classification as never,
      },
    ],
    facts: {
      title: '青禾鑫达欠薪',
      descriptions: ['拖欠工资'],
      companies: ['青禾鑫达建设工程有限公司'],
      projects: [],
      complainants: [],
      amount_yuan: 480_000,
      workers: 32,
      amount_history: [],
      workers_history: [],
      industry: 'construction',
      risks: [],
      level: 'yellow',
      crime_threshold_reached: false,
      town: '河口镇',
      outside_county: null,
      departments: ['人社', '住建'],
      sources: ['national-platform'],
      first_received_at: '2026-11-20T09:00:00+08:00',
      due_by: null,
      event_ids: [],
      match_keys: [],
    },
    work: {
      ...emptyWork(),
      state,
      owner_town: state === 'new' ? null : '河口镇',
      owner_departments: state === 'new' ? [] : ['人社', '住建'],
    },
    split: { from: null, into: [] },
    repeat_of: [],
    ...overrides,
  };
}
