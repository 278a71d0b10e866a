import type { Classification, Industry, Level, Risk } from '../domain/classification.ts';
import type { IntakeItem } from './intake-item.ts';

/** DESIGN.md "Lead": one case for the HR bureau, however many channels reported it. */
export const LEAD_STATES = [
  'new',
  'assigned',
  'verifying',
  'verified',
  'unfounded',
  'resolved',
  'closed',
] as const;
export type LeadState = (typeof LEAD_STATES)[number];

export const LEAD_STATE_ZH: Readonly<Record<LeadState, string>> = {
  new: '待分派',
  assigned: '已分派',
  verifying: '核查中',
  verified: '已核实',
  unfounded: '不属实',
  resolved: '已解决',
  closed: '已办结',
};

/**
 * One report of the case as it arrived (provenance): which channel, its own id, when, the item
 * as received (personal data included: it is shown masked) and what the rules said of its text.
 */
export interface LeadReport {
  source: string;
  external_id: string;
  received_at: string;
  item: IntakeItem;
  /** The digest of the item as received: a re-intake with the same digest changes nothing. */
  digest: string;
  /**
   * What the rules said of the text, without the hits that explain it: the stored post keeps
   * those, and they were 58 % of the classification, in a record rewritten on every report.
   */
  classification: ReportClassification;
  /** For a report from an online post: the post and its event. */
  post?: { id: string; url: string; author: string | null; event_id: string | null };
}

export type ReportClassification = Omit<Classification, 'hits'>;

/** A classification as a report keeps it (records written before may still carry the hits). */
export function reportClassification({ hits: _hits, ...rest }: Classification): ReportClassification {
  return rest;
}

/** A figure stated by one report, kept so the lead can show how the largest came about. */
export interface FigureStatement {
  value: number;
  source: string;
  external_id: string;
  at: string;
}

/** What the lead says now, worked out from its reports by `deriveLeadFacts`. */
export interface LeadFacts {
  title: string;
  /** Each distinct description once, oldest first. */
  descriptions: string[];
  companies: string[];
  projects: string[];
  complainants: { name: string | null; phone: string | null; id_number: string | null }[];
  amount_yuan: number | null;
  workers: number | null;
  amount_history: FigureStatement[];
  workers_history: FigureStatement[];
  industry: Industry;
  risks: Risk[];
  level: Exclude<Level, 'none'>;
  crime_threshold_reached: boolean;
  town: string | null;
  /** The place text says somewhere outside the county: forward it (转办) instead of dropping it. */
  outside_county: string | null;
  departments: string[];
  sources: string[];
  first_received_at: string;
  due_by: string | null;
  event_ids: string[];
  /** Hashed match keys (`company:…`, `phone:…`), for finding the lead again. */
  match_keys: string[];
}

export interface Stamp {
  by: string;
  at: string;
}

/** The work on the lead: owners, deadline, the supervision step reached, outcomes. */
export interface LeadWork {
  state: LeadState;
  owner_town: string | null;
  owner_departments: string[];
  /** Set by the HR bureau when it routes by hand; otherwise the derived town and departments hold. */
  routed_by_hand: boolean;
  signed: Stamp | null;
  due_at: string | null;
  deadline_days: number | null;
  supervision: { step: 'none' | 'reminder' | 'supervision' | 'listed'; at: string | null };
  returns: { by: string; at: string; reason: string }[];
  verification: { note: string; by: string; at: string } | null;
  unfounded_reason: string | null;
  resolution: {
    paid_yuan: number;
    workers_paid: number;
    paid_on: string;
    note: string;
    by: string;
    at: string;
  } | null;
  follow_up: {
    result: 'satisfied' | 'unsatisfied' | 'unreachable';
    note: string;
    by: string;
    at: string;
  } | null;
  reopened: { by: string; at: string; reason: string }[];
  closed: { by: string; at: string; note: string | null } | null;
  /** Sent on to the place it belongs to (outside the county), which closes it here. */
  forwarded: { to: string; note: string; by: string; at: string } | null;
  /** Found to be the same case as another lead and merged into it, which closes it here. */
  merged_into?: { id: string; reason: string; by: string; at: string } | null;
}

export interface Lead {
  id: string;
  created_at: string;
  updated_at: string;
  reports: LeadReport[];
  facts: LeadFacts;
  work: LeadWork;
  /** Leads split off from this one, and the lead this one was split from. */
  split: { from: string | null; into: string[] };
  /** Leads merged into this one by hand (their reports now belong here). */
  merged_from?: string[];
  /**
   * Posts of an online event, by event id, that only repeated what the lead says once it held
   * the event's kept posts (repost-fold.ts): counted by their ids, not kept as reports.
   */
  reposts?: Record<string, string[]>;
  /** Earlier leads with verified arrears by the same company or project (回头看). */
  repeat_of: string[];
}

/**
 * Whether a lead is a case of this county's own: one forwarded out of the county (转办) or merged
 * into another lead (which carries its reports and its work from then on) is not counted again.
 */
export function isOwnCase(lead: Lead): boolean {
  return lead.work.forwarded === null && !lead.work.merged_into;
}

/** A lead needs the owning unit's work in these states (the deadline and the ladder run). */
export const OPEN_STATES: readonly LeadState[] = ['new', 'assigned', 'verifying', 'verified'];
