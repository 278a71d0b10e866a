import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelMessage } from '../../../src/alerts/channels/channel-plugin.ts';
import {
  createFeishuChannel,
  feishuChannelConfigSchema,
  feishuSign,
} from '../../../src/alerts/channels/feishu-channel.ts';
import type { AlertNotification } from '../../../src/alerts/notification.ts';
import { PermanentError, ThrottledError, TransientError } from '../../../src/errors.ts';
import { Secret } from '../../../src/settings/secret.ts';
import {
  type RobotAnswer,
  type RobotReceiver,
  type RobotReceiverOptions,
  rejection,
  reply,
  startRobotReceiver,
} from '../../helpers/robot-receiver.ts';
import {
  blueNotification,
  headlines,
  manyNotifications,
  redNotification,
  sourceDownNotice,
} from '../../helpers/sample-notifications.ts';

const TOKEN = '3f1c9e2a-77b4-4d0e-8c55-feishu0hook';
const SECRET = 'fsSignKey9aQ2wE4rT6yU8iO0p';
const NOW = 1_764_640_000_000;
const HOUR_MS = 3_600_000;
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
  const receiver = await startRobotReceiver('feishu', {
    token: TOKEN,
    secret: SECRET,
    now: () => NOW + 2_000,
    ...options.receiver,
  });
  const secret = options.secret === undefined ? SECRET : options.secret;
  const channel = createFeishuChannel('duty', {
    url: new Secret('FEISHU_URL', receiver.url),
    secret: secret === null ? null : new Secret('FEISHU_SECRET', secret),
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
const card = (receiver: RobotReceiver, i: number) =>
  receiver.arrivals[i]?.body.card as Record<string, unknown>;
const answering = (answer: RobotAnswer) => ({ receiver: { answer: () => answer } });

function expectNoSecret(error: Error) {
  for (const text of [error.message, inspect(error, { depth: 5 })]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  }
}

describe('Feishu custom bot channel', () => {
  it('sends a signed card the bot verifies: red header, markdown body, ack button first', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(redNotification()));

    const arrival = receiver.arrivals[0];
    expect(arrival?.code).toBe(0);
    expect(arrival?.path).toBe(`/open-apis/bot/v2/hook/${TOKEN}`);
    const timestamp = String(NOW / 1000);
    expect(arrival?.body).toEqual({
      timestamp,
      sign: feishuSign(timestamp, SECRET),
      msg_type: 'interactive',
      card: {
        config: { wide_screen_mode: true },
        header: {
          template: 'red',
          title: {
            tag: 'plain_text',
            content: '【红色预警·新预警】河口镇 · 工地拖欠农民工工资，工人聚集讨薪',
          },
        },
        elements: [
          {
            tag: 'markdown',
            content: [
              '请 值班员 张三 处理',
              '首次发现：12-02 08:10　最近：12-02 09:40',
              '来源：本地论坛、微博　相关帖子 6 条，近1小时 4 条，转发 120、评论 88',
              '涉及金额：约 86 万元',
              '涉及人数：32 人',
              '风险：群体聚集',
              '责任单位：住建、人社',
              '摘要：河口镇某工地三十余名工人被拖欠工资近半年，今早在项目部门口聚集，电话 138＊＊＊＊0000。',
              '依据：涉及人数超过30人；出现聚集',
            ].join('\n'),
          },
          {
            tag: 'action',
            actions: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: '确认处理' },
                type: 'primary',
                url: 'https://duty.example.cn/ack/evt-hekou-1?sig=abc_123',
              },
              {
                tag: 'button',
                text: { tag: 'plain_text', content: '查看原文' },
                type: 'default',
                url: 'https://forum.example.cn/t/1001',
              },
            ],
          },
        ],
      },
    });
  });

  it('gives a 蓝色 notification the blue header template', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(blueNotification()));
    expect(card(receiver, 0).header).toEqual({
      template: 'blue',
      title: { tag: 'plain_text', content: '【蓝色预警·持续关注】清水乡 · 装修队尾款未结清' },
    });
  });

  it('sends a digest as one card coloured by its highest level', async () => {
    const { receiver, channel } = await setup();
    await channel.send(many([blueNotification(), redNotification()]));
    expect(card(receiver, 0)).toEqual({
      config: { wide_screen_mode: true },
      header: { template: 'red', title: { tag: 'plain_text', content: '【预警汇总】2 条预警（红1 蓝1）' } },
      elements: [
        {
          tag: 'markdown',
          content: [
            '【红色预警·新预警】河口镇 · 工地拖欠农民工工资，工人聚集讨薪　[确认处理](https://duty.example.cn/ack/evt-hekou-1?sig=abc_123)',
            '【蓝色预警·持续关注】清水乡 · 装修队尾款未结清　[确认处理](https://duty.example.cn/ack/evt-qingshui-2?sig=def)',
          ].join('\n'),
        },
      ],
    });
  });

  it('splits a digest larger than 20 KB into several signed cards, losing none', async () => {
    const { receiver, channel } = await setup();
    const notifications = manyNotifications(150);
    await channel.send(many(notifications));

    expect(receiver.arrivals.length).toBeGreaterThan(1);
    for (const arrival of receiver.arrivals) {
      expect(arrival.code).toBe(0);
      expect(arrival.bytes).toBeLessThanOrEqual(20_000);
    }
    const all = receiver.acceptedTexts().join('\n');
    for (const headline of headlines(notifications)) expect(all).toContain(headline);
  });

  it('sends operations notices in violet (告警) and green (恢复), apart from the four grades', async () => {
    const { receiver, channel } = await setup();
    await channel.notify(sourceDownNotice());
    await channel.notify(
      sourceDownNotice({ key: 'ops:2', kind: 'source_recovered', title: '微博实时搜索已恢复' }),
    );
    expect(card(receiver, 0)).toEqual({
      config: { wide_screen_mode: true },
      header: {
        template: 'violet',
        title: { tag: 'plain_text', content: '【运维告警】微博实时搜索连续失败' },
      },
      elements: [
        {
          tag: 'markdown',
          content: '最近 5 次抓取均返回 HTTP 403，可能需要更新登录凭据。\n时间：2026-12-02 10:05',
        },
      ],
    });
    expect(card(receiver, 1).header).toEqual({
      template: 'green',
      title: { tag: 'plain_text', content: '【运维恢复】微博实时搜索已恢复' },
    });
  });

  it('maps a wrong secret (19021) to PermanentError without revealing token or secret', async () => {
    const { receiver, channel } = await setup({ secret: 'not-the-bot-secret' });
    const error = await rejection(channel.send(one(redNotification())));
    expect(receiver.arrivals[0]?.code).toBe(19021);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('feishu_19021');
    expectNoSecret(error);
  });

  it('is refused (19021) when its clock is more than an hour off', async () => {
    const { channel } = await setup({ now: NOW + 2 * HOUR_MS });
    expect(await rejection(channel.send(one(redNotification())))).toBeInstanceOf(PermanentError);
  });

  it('maps 19001 (invalid or deleted bot) and 19024 (keyword check) to PermanentError', async () => {
    const receiver = await startRobotReceiver('feishu', { token: 'a-new-token' });
    cleanups.push(() => receiver.close());
    const deleted = createFeishuChannel('duty', {
      url: receiver.url.replace('a-new-token', TOKEN),
      timeoutMs: 5000,
    });
    cleanups.push(() => deleted.close?.() ?? Promise.resolve());
    const invalid = await rejection(deleted.send(one(redNotification())));
    expect((invalid as PermanentError).code).toBe('feishu_19001');
    expectNoSecret(invalid);

    const { channel } = await setup({ receiver: { keywords: ['监控报警'] } });
    const keyword = await rejection(channel.send(one(redNotification())));
    expect(keyword).toBeInstanceOf(PermanentError);
    expect((keyword as PermanentError).code).toBe('feishu_19024');
  });

  it('maps 9499 "too many request" and 11232 to ThrottledError, 9499 "Bad Request" to PermanentError', async () => {
    for (const [code, msg] of [
      [9499, 'too many request'],
      [11232, 'frequency limited'],
    ] as const) {
      const { channel } = await setup(answering({ status: 200, body: reply('feishu', code, msg) }));
      const error = await rejection(channel.send(one(redNotification())));
      expect(error).toBeInstanceOf(ThrottledError);
      expect((error as ThrottledError).retryAfterMs).toBe(60_000);
    }
    const { channel } = await setup(answering({ status: 200, body: reply('feishu', 9499, 'Bad Request') }));
    expect(await rejection(channel.send(one(redNotification())))).toBeInstanceOf(PermanentError);
  });

  it('accepts the older bots reply shape {StatusCode: 0}', async () => {
    const { channel } = await setup(
      answering({ status: 200, body: { StatusCode: 0, StatusMessage: 'success' } }),
    );
    await expect(channel.send(one(redNotification()))).resolves.toBeUndefined();
  });

  it('treats HTTP 500 and a refused connection as retryable, HTTP 400 as permanent', async () => {
    const { channel: failing } = await setup(answering({ status: 500 }));
    const serverError = await rejection(failing.send(one(redNotification())));
    expect(serverError).toBeInstanceOf(TransientError);
    expect(serverError).not.toBeInstanceOf(ThrottledError);
    expectNoSecret(serverError);

    const { channel: refusing } = await setup(answering({ status: 400 }));
    expect(await rejection(refusing.send(one(redNotification())))).toBeInstanceOf(PermanentError);

    const gone = await startRobotReceiver('feishu', { token: TOKEN });
    await gone.close();
    const channel = createFeishuChannel('duty', {
      url: gone.url,
      secret: new Secret('FEISHU_SECRET', SECRET),
      timeoutMs: 5000,
    });
    cleanups.push(() => channel.close?.() ?? Promise.resolve());
    const networkError = await rejection(channel.send(one(redNotification())));
    expect(networkError).toBeInstanceOf(TransientError);
    expect((networkError as TransientError).code).toBe('network');
    expectNoSecret(networkError);
  });

  it('declares limits that keep 5/s and 100/min even across fixed-window edges', async () => {
    const { channel } = await setup();
    const { messages, perMs } = channel.limits;
    // An interval of length L overlaps at most ceil(L / perMs) + 1 fixed windows.
    expect(messages * (Math.ceil(1_000 / perMs) + 1)).toBeLessThanOrEqual(5);
    expect(messages * (Math.ceil(60_000 / perMs) + 1)).toBeLessThanOrEqual(100);
    expect(feishuChannelConfigSchema.parse({ kind: 'feishu', url_env: 'FEISHU_DUTY_URL' })).toEqual({
      kind: 'feishu',
      url_env: 'FEISHU_DUTY_URL',
      timeout_s: 10,
      style: 'full',
    });
    expect(feishuChannelConfigSchema.safeParse({ kind: 'feishu', url_env: 'A', secret: 'x' }).success).toBe(
      false,
    );
  });
});
