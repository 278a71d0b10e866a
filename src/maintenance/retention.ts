import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { Store } from '../store/store.ts';
import type { RetentionResult } from '../store/workflow-records.ts';

const DAY_MS = 86_400_000;

export interface RetentionRun extends RetentionResult {
  cutoff: string;
}

/**
 * Deletes posts published more than `days` ago, with their captured pages, and records the run
 * in the audit log (which retention never deletes), so an inspector can see when data went.
 */
export async function runRetention(
  store: Store,
  days: number,
  now: Date = new Date(),
): Promise<RetentionRun> {
  const cutoff = toShanghaiIso(new Date(now.getTime() - days * DAY_MS));
  const removed = await store.deleteOlderThan(cutoff);
  await store.appendAudit({
    at: toShanghaiIso(now),
    actor: 'system',
    action: 'retention',
    target_kind: 'posts',
    target_id: `before ${cutoff}`,
    reason: `retention_days = ${days}`,
    after: removed,
  });
  return { cutoff, ...removed };
}
