import {
  type AlertNotification,
  alertNotificationSchema,
  renderNotificationHeadline,
} from '../../src/alerts/notification.ts';
import type { OperationsNotice } from '../../src/alerts/operations-notice.ts';

/** A 红色 notification with an ack link, checked against the real schema so fixtures cannot drift. */
export function redNotification(over: Partial<AlertNotification> = {}): AlertNotification {
  return alertNotificationSchema.parse({
    key: 'evt-hekou-1:red:1',
    kind: 'raised',
    level: 'red',
    event_id: 'evt-hekou-1',
    title: '工地拖欠农民工工资，工人聚集讨薪',
    summary: '河口镇某工地三十余名工人被拖欠工资近半年，今早在项目部门口聚集，电话 138****0000。',
    town: '河口镇',
    amount_yuan: 860_000,
    workers: 32,
    sources: ['本地论坛', '微博'],
    posts: 6,
    spread: { per_hour: 4, reposts: 120, comments: 88 },
    owners: ['住建', '人社'],
    risks: ['mass_gathering'],
    reasons: ['涉及人数超过30人', '出现聚集'],
    first_seen: '2026-12-02T08:10:00+08:00',
    last_seen: '2026-12-02T09:40:00+08:00',
    url: 'https://forum.example.cn/t/1001',
    ack_url: 'https://duty.example.cn/ack/evt-hekou-1?sig=abc_123',
    recipients: ['值班员 张三'],
    ...over,
  });
}

/** A 蓝色 notification, also with an ack link. */
export function blueNotification(over: Partial<AlertNotification> = {}): AlertNotification {
  return redNotification({
    key: 'evt-qingshui-2:blue:1',
    level: 'blue',
    kind: 'repeat',
    event_id: 'evt-qingshui-2',
    title: '装修队尾款未结清',
    summary: '清水乡一装修队反映尾款两万元未结。',
    town: '清水乡',
    amount_yuan: 20_000,
    workers: 5,
    risks: [],
    reasons: [],
    url: 'https://forum.example.cn/t/1002',
    ack_url: 'https://duty.example.cn/ack/evt-qingshui-2?sig=def',
    recipients: [],
    ...over,
  });
}

/** `count` notifications of rotating levels, each with its own title, for digests. */
export function manyNotifications(count: number): AlertNotification[] {
  const levels = ['red', 'orange', 'yellow', 'blue'] as const;
  return Array.from({ length: count }, (_, i) =>
    redNotification({
      key: `evt-${i}:x:1`,
      event_id: `evt-${i}`,
      level: levels[i % levels.length],
      title: `第${i + 1}号工地拖欠工资线索，工人反映项目方长期不结算工资`,
      url: `https://forum.example.cn/t/${2000 + i}`,
      ack_url: i % 3 === 0 ? null : `https://duty.example.cn/ack/evt-${i}?sig=s${i}`,
    }),
  );
}

export function headlines(notifications: readonly AlertNotification[]): string[] {
  return notifications.map(renderNotificationHeadline);
}

export function sourceDownNotice(over: Partial<OperationsNotice> = {}): OperationsNotice {
  return {
    key: 'ops:source:weibo-realtime:failing:1',
    kind: 'source_failing',
    subject: 'source:weibo-realtime',
    title: '微博实时搜索连续失败',
    detail: '最近 5 次抓取均返回 HTTP 403，可能需要更新登录凭据。',
    at: '2026-12-02T10:05:00+08:00',
    ...over,
  };
}
