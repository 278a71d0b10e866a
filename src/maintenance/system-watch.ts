import type { OperationsNotice } from '../alerts/operations-notice.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';

/** When the machinery needs the operators (`operations` in config/default.yaml). */
export interface OperationsThresholds {
  backlog_threshold: number;
  worker_grace_s: number;
  dead_man_minutes: number;
  channel_failures: number;
}

/** What the watch saw of the machinery at one moment. Times are epoch milliseconds. */
export interface SystemSnapshot {
  queues: { stage: string; waiting: number; workers: number }[];
  /** Null when the store answered. */
  storeError: string | null;
  /** Failures in a row now, and the longest run since the last check. */
  channels: { name: string; failures: number; peak: number; lastError: string | null }[];
  /** The newest post any enabled source brought; null when none ever did. */
  lastNewPostAt: number | null;
  enabledSources: number;
}

/** One watched subject and the problems it has now. */
export interface SubjectNotices {
  subject: string;
  name: string;
  notices: OperationsNotice[];
}

/**
 * The operations notices the machinery calls for now (pure), by subject: a backlog over the
 * threshold, a stage with no worker for longer than the grace period, a store that does not
 * answer, a channel failing again and again, and the dead-man switch — nothing new collected
 * for N minutes. `since(condition)` says when a condition began (its episode), which keys the
 * notice so each episode is told once.
 */
export function systemNotices(
  snapshot: SystemSnapshot,
  limits: OperationsThresholds,
  since: (condition: string) => number,
  now: number,
): SubjectNotices[] {
  const at = toShanghaiIso(new Date(now));
  const clock = (ms: number) => toShanghaiIso(new Date(ms)).replace('T', ' ').slice(0, 16);
  const notice = (
    kind: OperationsNotice['kind'],
    subject: string,
    episode: number,
    title: string,
    detail: string,
  ) => ({
    key: `ops:${subject}:${kind}:${episode}`,
    kind,
    subject,
    title,
    detail,
    at,
  });
  const subjects: SubjectNotices[] = [];
  for (const queue of snapshot.queues) {
    const notices: OperationsNotice[] = [];
    const subject = `queue:${queue.stage}`;
    if (queue.waiting > limits.backlog_threshold) {
      notices.push(
        notice(
          'queue_backlog',
          subject,
          since(`${subject}:backlog`),
          `${queue.stage} 环节积压 ${queue.waiting} 个任务`,
          `积压超过 ${limits.backlog_threshold}。请增加该环节的 worker（wagewatch worker ${queue.stage}）或检查下游是否故障。`,
        ),
      );
    }
    if (queue.workers === 0) {
      const started = since(`${subject}:no-worker`);
      if (now - started >= limits.worker_grace_s * 1000) {
        notices.push(
          notice(
            'worker_gone',
            subject,
            started,
            `${queue.stage} 环节没有在运行的 worker`,
            `自 ${clock(started)} 起没有进程处理 ${queue.stage} 队列，任务会一直积压。请启动 wagewatch worker ${queue.stage} 或 wagewatch start。`,
          ),
        );
      }
    }
    subjects.push({ subject, name: `${queue.stage} 环节`, notices });
  }
  subjects.push({
    subject: 'store',
    name: '数据存储',
    notices: snapshot.storeError
      ? [
          notice(
            'store_unreachable',
            'store',
            since('store:unreachable'),
            '数据存储无法访问',
            `入库与检索都会失败：${snapshot.storeError}`,
          ),
        ]
      : [],
  });
  for (const channel of snapshot.channels) {
    const subject = `channel:${channel.name}`;
    subjects.push({
      subject,
      name: `推送渠道 ${channel.name}`,
      notices:
        channel.failures >= limits.channel_failures
          ? [
              notice(
                'channel_failing',
                subject,
                since(`${subject}:failing`),
                `推送渠道 ${channel.name} 连续失败 ${channel.failures} 次`,
                `最近错误：${channel.lastError ?? '未知'}。预警会改走备用渠道（如已配置），请尽快修复。`,
              ),
            ]
          : channel.peak >= limits.channel_failures
            ? [
                // Failed and recovered between two checks: told, and the next check ends it.
                notice(
                  'channel_failing',
                  subject,
                  since(`${subject}:failing`),
                  `推送渠道 ${channel.name} 曾连续失败 ${channel.peak} 次，现已恢复`,
                  `最近错误：${channel.lastError ?? '未知'}。期间的预警已重试或改走备用渠道（如已配置），请核对是否有遗漏并排查原因。`,
                ),
              ]
            : [],
    });
  }
  const quietSince = snapshot.lastNewPostAt ?? since('pipeline:nothing');
  const quiet = snapshot.enabledSources > 0 && now - quietSince >= limits.dead_man_minutes * 60_000;
  subjects.push({
    subject: 'pipeline',
    name: '采集流水线',
    notices: quiet
      ? [
          notice(
            'nothing_collected',
            'pipeline',
            quietSince,
            `已 ${Math.floor((now - quietSince) / 60_000)} 分钟没有采集到新内容`,
            `自 ${clock(quietSince)} 起所有来源都没有新帖子。请检查采集进程、网络和各来源状态（wagewatch sources）。`,
          ),
        ]
      : [],
  });
  return subjects;
}

/**
 * Runs the pure check with episodes tracked in Redis: conditions asked about are started (or
 * kept), the others end, and the notices go out per subject (operations-dispatch.ts).
 */
export function withEpisodes(
  snapshot: SystemSnapshot,
  limits: OperationsThresholds,
  now: number,
  track: (asked: ReadonlyMap<string, number>) => Promise<Map<string, number>>,
): Promise<SubjectNotices[]> {
  // First pass learns which conditions hold; their starts then key the notices.
  const asked = new Map<string, number>();
  systemNotices(
    snapshot,
    limits,
    (condition) => {
      asked.set(condition, now);
      return now;
    },
    now,
  );
  return track(asked).then((starts) =>
    systemNotices(snapshot, limits, (condition) => starts.get(condition) ?? now, now),
  );
}
