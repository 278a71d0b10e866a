import type { AlertWorkResult } from '../alerts/alert-work.ts';
import type { Level } from '../domain/classification.ts';
import type { StageName } from '../queues/payloads.ts';
import type { ClassifyResult } from '../stages/classify-stage.ts';
import type { CollectResult } from '../stages/collect-stage.ts';
import type { EventResult } from '../stages/event-stage.ts';
import type { IndexResult } from '../stages/index-stage.ts';

/** Counts of what the stages of this process finished, for the demo's progress line and summary. */
export interface PipelineStats {
  collected: number;
  classified: number;
  leads: number;
  stored: number;
  /** Incidents: posts about one incident make one event. */
  events: number;
  /** Events that reached the people on duty (first messages; rises and reminders not counted). */
  alerts: number;
  alertsByLevel: Record<Exclude<Level, 'none'>, number>;
  record(stage: StageName, result: unknown): void;
}

export function createPipelineStats(): PipelineStats {
  const stats: PipelineStats = {
    collected: 0,
    classified: 0,
    leads: 0,
    stored: 0,
    events: 0,
    alerts: 0,
    alertsByLevel: { red: 0, orange: 0, yellow: 0, blue: 0 },
    record(stage, result) {
      if (stage === 'collect') stats.collected += (result as CollectResult).fresh;
      if (stage === 'classify') {
        stats.classified++;
        if ((result as ClassifyResult).lead) stats.leads++;
      }
      if (stage === 'index' && (result as IndexResult).outcome !== 'unchanged') stats.stored++;
      if (stage === 'event' && (result as EventResult).created) stats.events++;
      const alert = result as AlertWorkResult;
      if (stage === 'alert' && alert.outcome === 'raised' && alert.level) {
        stats.alerts++;
        stats.alertsByLevel[alert.level]++;
      }
    },
  };
  return stats;
}
