import type { AlertWorkResult, createAlertWork } from '../alerts/alert-work.ts';
import type { Payload } from '../queues/payloads.ts';

/**
 * The alert stage: considers events, escalates unacknowledged ones, flushes digests. The work
 * itself lives in src/alerts/alert-work.ts; this is its queue-facing face.
 */
export function createAlertStage(work: ReturnType<typeof createAlertWork>) {
  return (payload: Payload<'alert'>): Promise<AlertWorkResult> => work.handle(payload);
}
