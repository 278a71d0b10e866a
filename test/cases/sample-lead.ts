import type { Lead, LeadFacts, LeadReport } from '../../src/leads/lead-record.ts';
import { emptyWork } from '../../src/leads/lead-store.ts';
import { sampleClassification } from '../helpers/sample-posts.ts';

/** A report as the 12345 hotline would give it, with the complainant's personal data unmasked. */
export function sampleReport(over: Partial<LeadReport> = {}): LeadReport {
  return {
    source: '12345',
    external_id: 'RX-1',
    received_at: '2026-11-26T08:00:00+08:00',
    item: {
      external_id: 'RX-1',
      complainant: { name: '王建国', phone: '13812345678', id_number: '11010519491231002X' },
      company: '宏达建筑劳务有限公司',
      amount_yuan: 360_000,
      workers: 30,
      description: '河口镇安置房项目拖欠30名农民工工资36万元，老板失联',
    },
    digest: 'd1',
    classification: sampleClassification({ lead: true, level: 'orange', town: '河口镇' }),
    ...over,
  };
}

/** A minimal lead with one report; `facts` overrides what the test is about. */
export function sampleLead(id: string, facts: Partial<LeadFacts> = {}, reports?: LeadReport[]): Lead {
  return {
    id,
    created_at: '2026-11-26T08:00:00+08:00',
    updated_at: '2026-11-26T08:00:00+08:00',
    reports: reports ?? [sampleReport()],
    facts: {
      title: '宏达建筑劳务拖欠农民工工资',
      descriptions: ['河口镇安置房项目拖欠30名农民工工资36万元，老板失联'],
      companies: ['宏达建筑劳务有限公司'],
      projects: [],
      complainants: [{ name: '王建国', phone: '13812345678', id_number: '11010519491231002X' }],
      amount_yuan: 360_000,
      workers: 30,
      amount_history: [],
      workers_history: [],
      industry: 'construction',
      risks: [],
      level: 'orange',
      crime_threshold_reached: false,
      town: '河口镇',
      outside_county: null,
      departments: ['人社'],
      sources: ['12345'],
      first_received_at: '2026-11-26T08:00:00+08:00',
      due_by: null,
      event_ids: [],
      match_keys: [],
      ...facts,
    },
    work: emptyWork(),
    split: { from: null, into: [] },
    repeat_of: [],
  };
}
