import type { Job } from 'bullmq';
import type { Payload } from './payloads.ts';
import type { PipelineQueues } from './pipeline-queues.ts';

type Escalation = Extract<Payload<'alert'>, { type: 'escalate' }>;

/**
 * What asking for an escalation now did: the planned next step was brought forward (`promoted`),
 * a chain was started at step 1 because none was planned (`started`), or a step is already
 * queued or being sent (`under_way`), so nothing was changed.
 */
export type EscalateNowResult = { how: 'promoted' | 'started' | 'under_way'; step: number };

/** Brings an event's escalation forward, for the console's 升级. */
export interface EscalationTrigger {
  /**
   * Runs the event's next planned escalation step now; with none planned, starts a chain under
   * `startKey` (the notification key its messages and delivery ledger entries are named after).
   */
  escalateNow(eventId: string, startKey: string): Promise<EscalateNowResult>;
}

/**
 * Escalations are delayed jobs on the alert queue, one per step, each planning the next when it
 * runs (src/alerts/alert-work.ts). Escalating now promotes the soonest due of them, so the
 * alert stage sends the step as it would have, and plans the next from now.
 */
export function createEscalationTrigger(
  queues: Pick<PipelineQueues, 'queue' | 'emitter'>,
): EscalationTrigger {
  const queue = queues.queue('alert');
  const emit = queues.emitter('alert');
  const forEvent = (jobs: readonly (Job | undefined)[], eventId: string) =>
    jobs.filter(
      (job): job is Job<Escalation> =>
        !!job && (job.data as Payload<'alert'>).type === 'escalate' && job.data.event_id === eventId,
    );
  const highestStep = (jobs: readonly Job<Escalation>[]) => Math.max(...jobs.map((job) => job.data.step));

  return {
    async escalateNow(eventId, startKey) {
      const queued = forEvent(await queue.getJobs(['active', 'waiting', 'prioritized']), eventId);
      if (queued.length > 0) return { how: 'under_way', step: highestStep(queued) };
      const planned = forEvent(await queue.getJobs(['delayed']), eventId).sort(
        (a, b) => a.timestamp + a.delay - (b.timestamp + b.delay),
      );
      const next = planned[0];
      if (next) {
        try {
          await next.promote();
          return { how: 'promoted', step: next.data.step };
        } catch (error) {
          // It left the delayed set in between: it is running now, which is what was asked.
          if ((await next.getState()) === 'delayed') throw error;
          return { how: 'under_way', step: next.data.step };
        }
      }
      await emit([{ v: 2, type: 'escalate', event_id: eventId, notification_key: startKey, step: 1 }]);
      return { how: 'started', step: 1 };
    },
  };
}
