import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelMessage } from '../../../src/alerts/channels/channel-plugin.ts';
import {
  createDingtalkChannel,
  dingtalkChannelConfigSchema,
  dingtalkSign,
} from '../../../src/alerts/channels/dingtalk-channel.ts';
import type { AlertNotification } from '../../../src/alerts/notification.ts';
import { PermanentError, ThrottledError, TransientError } from '../../../src/errors.ts';
import { Secret } from '../../../src/settings/secret.ts';
import {
  type RobotReceiver,
  type RobotReceiverOptions,
  rejection,
  startRobotReceiver,
} from '../../helpers/robot-receiver.ts';
import {
  blueNotification,
  headlines,
  manyNotifications,
  redNotification,
  sourceDownNotice,
} from '../../helpers/sample-notifications.ts';

const TOKEN = 'dt0c23ab45cd67ef89token';
const SECRET = 'SEC3f9a1b2c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90';
const HOUR_MS = 3_600_000;
// A timestamp whose signature holds `+` and `/`, so an unencoded sign would fail verification.
const NOW = firstTimestampWithAwkwardSign(1_764_640_000_000);
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  receiver?: Partial<RobotReceiverOptions>;
  secret?: string | null;
  now?: number;
}

async function setup(options: Setup = {}): Promise<{ receiver: RobotReceiver; channel: Channel }> {
  const receiver = await startRobotReceiver('dingtalk', {
    token: TOKEN,
    secret: SECRET,
    now: () => NOW + 2_000,
    ...options.receiver,
  });
  const secret = options.secret === undefined ? SECRET : options.secret;
  const channel = createDingtalkChannel('duty', {
    url: new Secret('DINGTALK_URL', receiver.url),
    secret: secret === null ? null : new Secret('DINGTALK_SECRET', secret),
    timeoutMs: 5000,
    now: () => options.now ?? NOW,
  });
  cleanups.push(
    () => receiver.close(),
    () => channel.close?.() ?? Promise.resolve(),
  );
  return { receiver, channel };
}

const one = (n: AlertNotification): ChannelMessage => ({ key: n.key, notifications: [n] });
const many = (ns: AlertNotification[]): ChannelMessage => ({ key: `digest:${ns.length}`, notifications: ns });
const markdown = (receiver: RobotReceiver, i: number) =>
  receiver.arrivals[i]?.body.markdown as { title: string; text: string };

function expectNoSecret(error: Error) {
  for (const text of [error.message, inspect(error, { depth: 5 })]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  }
}

describe('DingTalk robot channel', () => {
  it('signs the request so the robot verifies it, and sends a 红色 notification as markdown', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(redNotification()));

    const arrival = receiver.arrivals[0];
    expect(arrival?.code).toBe(0);
    expect(arrival?.path).toBe('/robot/send');
    expect(arrival?.query.get('access_token')).toBe(TOKEN);
    expect(arrival?.query.get('timestamp')).toBe(String(NOW));
    expect(arrival?.query.get('sign')).toBe(dingtalkSign(String(NOW), SECRET));
    const headline = '【红色预警·新预警】河口镇 · 工地拖欠农民工工资，工人聚集讨薪';
    expect(arrival?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: headline,
        text: [
          `#### 🔴 ${headline}`,
          '请 值班员 张三 处理',
          '首次发现：12-02 08:10　最近：12-02 09:40',
          '来源：本地论坛、微博　相关帖子 6 条，近1小时 4 条，转发 120、评论 88',
          '涉及金额：约 86 万元',
          '涉及人数：32 人',
          '风险：群体聚集',
          '责任单位：住建、人社',
          '摘要：河口镇某工地三十余名工人被拖欠工资近半年，今早在项目部门口聚集，电话 138＊＊＊＊0000。',
          '依据：涉及人数超过30人；出现聚集',
          '[确认处理](https://duty.example.cn/ack/evt-hekou-1?sig=abc_123)　[查看原文](https://forum.example.cn/t/1001)',
        ].join('\n\n'),
      },
    });
  });

  it('marks a 蓝色 notification with a blue sign', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(blueNotification()));
    expect(markdown(receiver, 0).text.split('\n\n')[0]).toBe(
      '#### 🔵 【蓝色预警·持续关注】清水乡 · 装修队尾款未结清',
    );
  });

  it('sends a digest with the summary as title, highest level first', async () => {
    const { receiver, channel } = await setup();
    await channel.send(many([blueNotification(), redNotification()]));
    expect(markdown(receiver, 0)).toEqual({
      title: '【预警汇总】2 条预警（红1 蓝1）',
      text: [
        '#### 【预警汇总】2 条预警（红1 蓝1）',
        '🔴 【红色预警·新预警】河口镇 · 工地拖欠农民工工资，工人聚集讨薪　[确认处理](https://duty.example.cn/ack/evt-hekou-1?sig=abc_123)',
        '🔵 【蓝色预警·持续关注】清水乡 · 装修队尾款未结清　[确认处理](https://duty.example.cn/ack/evt-qingshui-2?sig=def)',
      ].join('\n\n'),
    });
  });

  it('splits a digest larger than 20,000 bytes into several signed messages, losing none', async () => {
    const { receiver, channel } = await setup();
    const notifications = manyNotifications(200);
    await channel.send(many(notifications));

    expect(receiver.arrivals.length).toBeGreaterThan(1);
    for (const arrival of receiver.arrivals) {
      expect(arrival.code).toBe(0);
      expect(arrival.bytes).toBeLessThanOrEqual(20_000);
    }
    const all = receiver.acceptedTexts().join('\n');
    for (const headline of headlines(notifications)) expect(all).toContain(headline);
    expect(markdown(receiver, 0).title).toBe(
      `【预警汇总】200 条预警（红50 橙50 黄50 蓝50）（1/${receiver.arrivals.length}）`,
    );
  });

  it('sends operations notices as markdown with the 【运维告警】 marker in title and text', async () => {
    const { receiver, channel } = await setup();
    await channel.notify(sourceDownNotice());
    expect(markdown(receiver, 0)).toEqual({
      title: '【运维告警】微博实时搜索连续失败',
      text: [
        '#### 【运维告警】微博实时搜索连续失败',
        '最近 5 次抓取均返回 HTTP 403，可能需要更新登录凭据。',
        '时间：2026-12-02 10:05',
      ].join('\n\n'),
    });
  });

  it('passes a keyword-secured robot when the keywords are 预警 and 运维', async () => {
    const { receiver, channel } = await setup({ receiver: { keywords: ['预警', '运维'] } });
    await channel.send(one(redNotification()));
    await channel.notify(sourceDownNotice({ kind: 'source_recovered', title: '已恢复' }));
    expect(receiver.arrivals.map((a) => a.code)).toEqual([0, 0]);
  });

  it('maps a keyword miss (310000) to PermanentError', async () => {
    const { channel } = await setup({ receiver: { keywords: ['监控报警'] } });
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('keywords not in content');
  });

  it('maps a wrong secret (310000 sign not match) to PermanentError without revealing secrets', async () => {
    const { receiver, channel } = await setup({ secret: 'SECwrong-secret-entirely-0000' });
    const error = await rejection(channel.send(one(redNotification())));
    expect(receiver.arrivals[0]?.code).toBe(310000);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('dingtalk_310000');
    expectNoSecret(error);
    expect(error.message).not.toContain('SECwrong');
  });

  it('is refused when its clock is more than an hour off', async () => {
    const { channel } = await setup({ now: NOW - 2 * HOUR_MS });
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('310000');
  });

  it('sends unsigned to a robot without 加签 when no secret is configured', async () => {
    const { receiver, channel } = await setup({ secret: null, receiver: { secret: undefined } });
    await channel.send(one(redNotification()));
    expect(receiver.arrivals[0]?.code).toBe(0);
    expect(receiver.arrivals[0]?.query.has('sign')).toBe(false);
  });

  it('maps 300001 (token is not exist) to PermanentError', async () => {
    const receiver = await startRobotReceiver('dingtalk', { token: 'another-token' });
    cleanups.push(() => receiver.close());
    const channel = createDingtalkChannel('duty', {
      url: receiver.url.replace('another-token', TOKEN),
      timeoutMs: 5000,
    });
    cleanups.push(() => channel.close?.() ?? Promise.resolve());
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('dingtalk_300001');
    expectNoSecret(error);
  });

  it('maps 130101 (send too fast) to ThrottledError for the ten-minute penalty', async () => {
    const { channel } = await setup({
      receiver: {
        answer: () => ({
          status: 200,
          body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' },
        }),
      },
    });
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(600_000);
  });

  it('treats HTTP 500 and a refused connection as retryable, HTTP 400 as permanent', async () => {
    const { channel: failing } = await setup({ receiver: { answer: () => ({ status: 500 }) } });
    const serverError = await rejection(failing.send(one(redNotification())));
    expect(serverError).toBeInstanceOf(TransientError);
    expectNoSecret(serverError);

    const { channel: refusing } = await setup({ receiver: { answer: () => ({ status: 400 }) } });
    expect(await rejection(refusing.send(one(redNotification())))).toBeInstanceOf(PermanentError);

    const gone = await startRobotReceiver('dingtalk', { token: TOKEN });
    await gone.close();
    const channel = createDingtalkChannel('duty', {
      url: gone.url,
      secret: new Secret('DINGTALK_SECRET', SECRET),
      timeoutMs: 5000,
    });
    cleanups.push(() => channel.close?.() ?? Promise.resolve());
    const networkError = await rejection(channel.send(one(redNotification())));
    expect(networkError).toBeInstanceOf(TransientError);
    expect((networkError as TransientError).code).toBe('network');
    expectNoSecret(networkError);
  });

  it('declares the platform limits and a strict config schema', async () => {
    const { channel } = await setup();
    // Two fixed windows can meet inside one minute: their sum stays within DingTalk's 20.
    expect(channel.limits).toEqual({ messages: 10, perMs: 60_000, maxBytes: 20_000 });
    expect(
      dingtalkChannelConfigSchema.parse({
        kind: 'dingtalk',
        url_env: 'DINGTALK_DUTY_URL',
        secret_env: 'DINGTALK_DUTY_SECRET',
      }),
    ).toEqual({
      kind: 'dingtalk',
      url_env: 'DINGTALK_DUTY_URL',
      secret_env: 'DINGTALK_DUTY_SECRET',
      timeout_s: 10,
      style: 'full',
    });
    expect(dingtalkChannelConfigSchema.safeParse({ kind: 'dingtalk', url_env: 'lower' }).success).toBe(false);
  });
});

function firstTimestampWithAwkwardSign(from: number): number {
  for (let t = from; ; t++) {
    const sign = dingtalkSign(String(t), SECRET);
    if (sign.includes('+') && sign.includes('/')) return t;
  }
}
