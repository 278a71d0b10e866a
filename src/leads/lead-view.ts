import { maskIdNumber, maskPhone, maskPii } from '../../classifiers/extract/pii.ts';
import { LEVEL_NAMES_ZH } from '../domain/classification.ts';
import { LEAD_STATE_ZH, type Lead } from './lead-record.ts';
import { reportCount } from './repost-fold.ts';

/**
 * A lead as a person sees it: personal data masked unless `unmasked` (which the caller audits),
 * and 「多头反映 ×N」 when several channels reported it.
 */
export function leadView(lead: Lead, unmasked = false) {
  const phone = (p: string | null) => (p && !unmasked ? maskPhone(p) : p);
  const id = (n: string | null) => (n && !unmasked ? maskIdNumber(n) : n);
  const name = (n: string | null) => (n && !unmasked ? `${n.slice(0, 1)}*${n.length > 2 ? '*' : ''}` : n);
  const names = lead.facts.complainants.flatMap((c) => (c.name ? [c.name] : []));
  // Known names are masked in the free text too: 「王建国来电」 → 「王**来电」.
  const text = (t: string) =>
    unmasked ? t : names.reduce((masked, n) => masked.replaceAll(n, name(n) ?? n), maskPii(t));
  return {
    id: lead.id,
    title: lead.facts.title,
    state: lead.work.state,
    state_zh: LEAD_STATE_ZH[lead.work.state],
    level: lead.facts.level,
    level_zh: LEVEL_NAMES_ZH[lead.facts.level],
    multi_reported: reportCount(lead) > 1 ? `多头反映 ×${reportCount(lead)}` : null,
    town: lead.work.owner_town ?? lead.facts.town,
    outside_county: lead.facts.outside_county,
    departments:
      lead.work.owner_departments.length > 0 ? lead.work.owner_departments : lead.facts.departments,
    amount_yuan: lead.facts.amount_yuan,
    workers: lead.facts.workers,
    amount_history: lead.facts.amount_history,
    workers_history: lead.facts.workers_history,
    companies: lead.facts.companies,
    projects: lead.facts.projects,
    industry: lead.facts.industry,
    risks: lead.facts.risks,
    complainants: lead.facts.complainants.map((c) => ({
      name: name(c.name),
      phone: phone(c.phone),
      id_number: id(c.id_number),
    })),
    descriptions: lead.facts.descriptions.map(text),
    reports: lead.reports.map((r) => ({
      source: r.source,
      external_id: r.external_id,
      received_at: r.received_at,
      ...(r.post ? { url: r.post.url, event_id: r.post.event_id } : {}),
    })),
    /** Reposts of each online event counted but not kept, beyond its first kept posts. */
    reposts: Object.fromEntries(
      Object.entries(lead.reposts ?? {}).map(([eventId, ids]) => [eventId, ids.length]),
    ),
    due_at: lead.work.due_at,
    supervision: lead.work.supervision,
    repeat_of: lead.repeat_of,
    work: {
      signed: lead.work.signed,
      returns: lead.work.returns,
      verification: lead.work.verification,
      unfounded_reason: lead.work.unfounded_reason,
      resolution: lead.work.resolution,
      follow_up: lead.work.follow_up,
      reopened: lead.work.reopened,
      closed: lead.work.closed,
      forwarded: lead.work.forwarded,
    },
    split: lead.split,
    merged: { into: lead.work.merged_into ?? null, from: lead.merged_from ?? [] },
  };
}
