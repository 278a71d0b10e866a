import type { Lead, LeadReport } from './lead-record.ts';

/**
 * Closure is checked against the people it was for: when the person who first posted about a
 * case posts about it again after it was marked resolved or closed, the case opens again.
 */
export function reopenOnRepost(before: Lead, after: Lead, report: LeadReport, at: string): Lead {
  const state = before.work.state;
  if (state !== 'resolved' && state !== 'closed') return after;
  const author = report.post?.author;
  if (!author) return after;
  // The person who first posted about the case, not everyone who reposted it since.
  const original = before.reports
    .filter((r) => r.post && r.source === report.source)
    .sort((a, b) => a.received_at.localeCompare(b.received_at))[0];
  if (!original || original.post?.author !== author || original.external_id === report.external_id)
    return after;
  return {
    ...after,
    work: {
      ...after.work,
      state: after.work.signed ? 'verifying' : 'new',
      reopened: [
        ...after.work.reopened,
        { by: '系统', at, reason: `原发帖人再次发帖反映（${report.post?.url ?? report.external_id}）` },
      ],
      resolution: null,
      follow_up: null,
      closed: null,
      supervision: { step: 'none', at: null },
    },
  };
}
