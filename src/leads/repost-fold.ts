import { levelRank } from '../domain/classification.ts';
import type { Lead, LeadFacts, LeadReport } from './lead-record.ts';

/**
 * Posts of one online event a lead keeps in full. A case that goes viral is reposted hundreds of
 * times; a lead keeping every repost would grow with each one, and so would every read, write
 * and recount of it, while an inspector learns nothing from the 300th copy of a story.
 */
export const KEPT_POSTS_PER_EVENT = 10;

/**
 * Whether an online report only repeats what the lead already says: its event has its kept
 * posts, and the report raises no figure, level or risk and names no new company, project,
 * place, department or sector. A repeat is counted (`Lead.reposts`), not kept. A lead that was
 * resolved or closed keeps every report: the original poster speaking again reopens it.
 */
export function isPlainRepost(lead: Lead, report: LeadReport, alone: Pick<LeadFacts, 'match_keys'>): boolean {
  const eventId = report.post?.event_id;
  if (!eventId) return false;
  const { state } = lead.work;
  if (state === 'resolved' || state === 'closed') return false;
  const kept = lead.reports.filter((r) => r.post?.event_id === eventId).length;
  if (kept < KEPT_POSTS_PER_EVENT) return false;
  const facts = lead.facts;
  const c = report.classification;
  const own = c.level === 'none' ? 'blue' : c.level;
  const notAbove = (value: number | null | undefined, top: number | null) =>
    value == null || (top !== null && value <= top);
  return (
    levelRank(own) <= levelRank(facts.level) &&
    c.risks.every((risk) => facts.risks.includes(risk)) &&
    notAbove(report.item.amount_yuan ?? c.amount_yuan, facts.amount_yuan) &&
    notAbove(report.item.workers ?? c.workers, facts.workers) &&
    (c.crime_threshold.reached !== true || facts.crime_threshold_reached) &&
    alone.match_keys.every((key) => facts.match_keys.includes(key)) &&
    (c.town === null || c.town === facts.town) &&
    c.departments.every((unit) => facts.departments.includes(unit)) &&
    (c.industry === 'none' || c.industry === facts.industry)
  );
}

/** The lead with one more repost of `eventId` counted (once, however often it arrives). */
export function withRepost(lead: Lead, eventId: string, externalId: string, at: string): Lead {
  const counted = lead.reposts?.[eventId] ?? [];
  if (counted.includes(externalId)) return lead;
  return { ...lead, reposts: { ...lead.reposts, [eventId]: [...counted, externalId] }, updated_at: at };
}

/** The lead without a counted repost: it arrived again with something new and is kept in full. */
export function withoutRepost(lead: Lead, externalId: string): Lead {
  if (!lead.reposts) return lead;
  const reposts = Object.fromEntries(
    Object.entries(lead.reposts)
      .map(([eventId, ids]) => [eventId, ids.filter((id) => id !== externalId)] as const)
      .filter(([, ids]) => ids.length > 0),
  );
  return { ...lead, reposts };
}

/** Whether the lead counts this post as a repost already. */
export function isCountedRepost(lead: Lead, externalId: string): boolean {
  return Object.values(lead.reposts ?? {}).some((ids) => ids.includes(externalId));
}

/** Every post the lead heard of: kept reports and counted reposts. */
export function reportCount(lead: Lead): number {
  return lead.reports.length + Object.values(lead.reposts ?? {}).reduce((sum, ids) => sum + ids.length, 0);
}
