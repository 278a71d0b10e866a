import type { Channel } from '../alerts/channels/channel-plugin.ts';
import type { OperationsNotice } from '../alerts/operations-notice.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { deliver, type OperationsLedger } from '../maintenance/operations-dispatch.ts';
import { allRecords } from '../store/all-records.ts';
import type { Store } from '../store/store.ts';
import { type Lead, OPEN_STATES } from './lead-record.ts';
import { LEAD_KIND, saveLead } from './lead-store.ts';
import {
  LADDER_STEP_NAMES_ZH,
  type LadderConfig,
  type LadderStep,
  ladderStep,
  nextSteps,
} from './supervision-ladder.ts';
import type { WorkingCalendar } from './working-days.ts';

export interface SupervisionDeps {
  store: Store;
  calendar: WorkingCalendar;
  ladder: LadderConfig;
  /** The channels of the owning units and of the leading group, for one lead. */
  channelsFor(lead: Lead): Channel[];
  ledger: OperationsLedger;
  logger: Logger;
  now?: () => Date;
}

const KIND = { reminder: 'lead_reminder', supervision: 'lead_supervision', listed: 'lead_listed' } as const;

/**
 * The supervision ladder for overdue leads (催办 → 督办 → 挂牌督办): each open lead past its due
 * day is moved up to the step its working days overdue call for, audited, and its owning units
 * and the leading group are told. The notice of the current step is offered again on every run
 * until each channel has it, so a channel that was down hears of it later, once.
 */
export async function superviseOverdue(
  deps: SupervisionDeps,
): Promise<{ checked: number; raised: { lead: string; step: LadderStep }[] }> {
  const now = (deps.now ?? (() => new Date()))();
  const raised: { lead: string; step: LadderStep }[] = [];
  let checked = 0;
  for await (const record of allRecords<Lead>(deps.store, LEAD_KIND)) {
    const lead = record.data;
    if (!OPEN_STATES.includes(lead.work.state) || !lead.work.due_at) continue;
    checked++;
    const position = ladderStep(new Date(lead.work.due_at), now, deps.calendar, deps.ladder);
    const [step] = nextSteps(lead.work.supervision.step, position.step);
    let current = lead;
    if (step) {
      const at = toShanghaiIso(now);
      current = { ...lead, updated_at: at, work: { ...lead.work, supervision: { step, at } } };
      try {
        await saveLead(deps.store, current, record.version, {
          actor: '系统',
          action: 'lead.supervise',
          reason: `逾期 ${position.daysOverdue} 个工作日：${LADDER_STEP_NAMES_ZH[step]}`,
          before: lead.work.supervision,
          after: current.work.supervision,
        });
      } catch (error) {
        // Someone changed the lead meanwhile (signed, resolved): the next run looks again.
        if (error instanceof ConflictError) continue;
        throw error;
      }
      raised.push({ lead: lead.id, step });
    }
    const reached = current.work.supervision.step;
    if (reached !== 'none')
      await deliver(
        { channels: deps.channelsFor(current), ledger: deps.ledger, logger: deps.logger },
        notice(current, reached, position.daysOverdue, now),
      );
  }
  return { checked, raised };
}

function notice(
  lead: Lead,
  step: Exclude<LadderStep, 'none'>,
  daysOverdue: number,
  now: Date,
): OperationsNotice {
  const owners =
    [lead.work.owner_town, ...lead.work.owner_departments].filter(Boolean).join('、') || '待分派';
  return {
    key: `lead:${lead.id}:${step}:${lead.work.due_at}`,
    kind: KIND[step],
    subject: `lead:${lead.id}`,
    title: `${LADDER_STEP_NAMES_ZH[step]}：${lead.facts.title}（${lead.id}）`,
    detail: `责任单位：${owners}；办理期限 ${lead.work.due_at?.slice(0, 10)}，已逾期 ${daysOverdue} 个工作日。请抓紧办理并在系统中更新办理结果。`,
    at: toShanghaiIso(now),
  };
}
