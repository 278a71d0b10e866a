import type { Channel } from '../alerts/channels/channel-plugin.ts';
import type { OperationsNotice } from '../alerts/operations-notice.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { errorMessage, PermanentError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** Remembers what was delivered where, and which problems are open (Redis in production). */
export interface OperationsLedger {
  delivered(key: string, channel: string): Promise<boolean>;
  markDelivered(key: string, channel: string): Promise<void>;
  openProblems(subject: string): Promise<OperationsNotice[]>;
  open(notice: OperationsNotice): Promise<void>;
  close(subject: string, key: string): Promise<void>;
}

export interface DispatchDeps {
  channels: readonly Channel[];
  ledger: OperationsLedger;
  logger: Logger;
  now?: () => number;
}

/**
 * Tells the operators about the problems one subject has now (each notice once per channel),
 * and, for a problem told before that is gone now, that it recovered. A channel that fails is
 * tried again at the next check, because notices are worked out afresh every time.
 */
export async function dispatchNotices(
  deps: DispatchDeps,
  subject: string,
  name: string,
  notices: readonly OperationsNotice[],
): Promise<number> {
  const now = (deps.now ?? Date.now)();
  let sent = 0;
  for (const notice of notices) {
    await deps.ledger.open(notice);
    sent += await deliver(deps, notice);
  }
  const stillOpen = new Set(notices.map((n) => n.key));
  for (const problem of await deps.ledger.openProblems(subject)) {
    if (stillOpen.has(problem.key)) continue;
    const recovered: OperationsNotice = {
      key: `${problem.key}:recovered`,
      kind: problem.kind.startsWith('source_') ? 'source_recovered' : 'recovered',
      subject,
      title: `${name}已恢复`,
      detail: `此前的问题已解除：${problem.title}。`,
      at: toShanghaiIso(new Date(now)),
    };
    sent += await deliver(deps, recovered);
    if (await allDelivered(deps, recovered)) await deps.ledger.close(subject, problem.key);
  }
  return sent;
}

/** Sends one notice to each channel that has not had it yet; a failing channel is asked again next time. */
export async function deliver(deps: DispatchDeps, notice: OperationsNotice): Promise<number> {
  let sent = 0;
  for (const channel of deps.channels) {
    if (await deps.ledger.delivered(notice.key, channel.name)) continue;
    try {
      await channel.notify(notice);
      await deps.ledger.markDelivered(notice.key, channel.name);
      sent++;
    } catch (error) {
      // A channel that refuses for good would refuse every retry: stop asking it.
      if (error instanceof PermanentError) await deps.ledger.markDelivered(notice.key, channel.name);
      deps.logger.error(
        { channel: channel.name, notice: notice.key, reason: errorMessage(error) },
        'operations notice not delivered',
      );
    }
  }
  return sent;
}

async function allDelivered(deps: DispatchDeps, notice: OperationsNotice): Promise<boolean> {
  for (const channel of deps.channels)
    if (!(await deps.ledger.delivered(notice.key, channel.name))) return false;
  return true;
}
