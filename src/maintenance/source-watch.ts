import type { SourceConfig } from '../../crawlers/source-config.ts';
import type { SourceHealth, SourceHealthStore } from '../../crawlers/source-health.ts';
import type { OperationsNotice } from '../alerts/operations-notice.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { type DispatchDeps, dispatchNotices } from './operations-dispatch.ts';

const BLOCK_NAMES_ZH = {
  credential_expired: '登录凭证失效',
  captcha: '需要验证码',
  throttled: '被限流',
  forbidden: '被拒绝访问',
} as const;

/** How long a source may fail, or go without passes, before the operators hear of it. */
export function failingWindowMs(source: SourceConfig): number {
  return (source.alert_after_s ?? Math.max(3 * source.every_s, 900)) * 1000;
}

/**
 * The operations notices one source's health calls for now (pure). Each problem episode has its
 * own key (the time it began), so a notice is sent once per outage, not once per check.
 */
export function noticesFor(source: SourceConfig, health: SourceHealth, now: number): OperationsNotice[] {
  const at = toShanghaiIso(new Date(now));
  const subject = `source:${source.id}`;
  const name = `${source.name}（${source.id}）`;
  const since = (ms: number) => toShanghaiIso(new Date(ms)).replace('T', ' ').slice(0, 16);
  const window = failingWindowMs(source);
  const notices: OperationsNotice[] = [];
  if (health.credentialState !== 'ok') {
    const episode = health.failingSince ?? health.lastFailureAt ?? now;
    notices.push({
      key: `ops:${subject}:blocked:${episode}`,
      kind: 'source_blocked',
      subject,
      title: `${name}${BLOCK_NAMES_ZH[health.credentialState]}，采集已停止`,
      detail: `自 ${since(episode)} 起，平台返回拦截页面：${health.lastError ?? ''}。请更新该来源的凭证（credentials_env）后等待下一轮采集。`,
      at,
    });
  } else if (health.failingSince !== null && now - health.failingSince >= window) {
    notices.push({
      key: `ops:${subject}:failing:${health.failingSince}`,
      kind: 'source_failing',
      subject,
      title: `${name}采集持续失败`,
      detail: `自 ${since(health.failingSince)} 起连续失败 ${health.consecutiveFailures} 次，最近错误：${health.lastError ?? '未知'}。恢复后将自动补采中断期间的内容。`,
      at,
    });
  } else {
    const lastActivity = Math.max(health.lastSuccessAt ?? 0, health.lastFailureAt ?? 0);
    if (lastActivity > 0 && now - lastActivity >= window) {
      notices.push({
        key: `ops:${subject}:idle:${lastActivity}`,
        kind: 'source_failing',
        subject,
        title: `${name}没有在运行`,
        detail: `最近一次采集在 ${since(lastActivity)}，已超过 ${Math.round(window / 60_000)} 分钟没有采集。请检查采集进程（wagewatch worker collect）和 Redis。`,
        at,
      });
    }
  }
  if (source.silent_after_s && health.credentialState === 'ok' && health.failingSince === null) {
    const quietSince = health.lastNewPostAt ?? health.lastSuccessAt;
    if (quietSince !== null && now - quietSince >= source.silent_after_s * 1000) {
      notices.push({
        key: `ops:${subject}:silent:${quietSince}`,
        kind: 'source_silent',
        subject,
        title: `${name}长时间没有新内容`,
        detail: `自 ${since(quietSince)} 起采集正常但没有新帖子，超过设定的 ${Math.round(source.silent_after_s / 60)} 分钟。页面结构或接口可能已变化。`,
        at,
      });
    }
  }
  return notices;
}

export interface SourceWatchDeps extends DispatchDeps {
  sources: readonly SourceConfig[];
  health: SourceHealthStore;
}

/**
 * Checks every enabled source and tells the operators about problems, once per problem per
 * channel, and that a source recovered once its problem is gone (operations-dispatch.ts).
 */
export async function watchSources(deps: SourceWatchDeps): Promise<{ sent: number; open: number }> {
  const now = (deps.now ?? Date.now)();
  let sent = 0;
  let open = 0;
  for (const source of deps.sources.filter((s) => s.enabled)) {
    const notices = noticesFor(source, await deps.health.read(source.id, now), now);
    sent += await dispatchNotices(deps, `source:${source.id}`, `${source.name}（${source.id}）`, notices);
    open += notices.length;
  }
  return { sent, open };
}
