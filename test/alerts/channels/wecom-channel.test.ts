import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelMessage } from '../../../src/alerts/channels/channel-plugin.ts';
import { utf8Bytes } from '../../../src/alerts/channels/text-limits.ts';
import { createWecomChannel, wecomChannelConfigSchema } from '../../../src/alerts/channels/wecom-channel.ts';
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

const KEY = 'wk-7f3a9c2e-55d1-4b7e-9a0c-duty';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  receiverOptions: Partial<RobotReceiverOptions> = {},
  style?: 'full' | 'brief',
): Promise<{ receiver: RobotReceiver; channel: Channel }> {
  const receiver = await startRobotReceiver('wecom', { token: KEY, ...receiverOptions });
  const channel = createWecomChannel('duty', {
    url: new Secret('WECOM_URL', receiver.url),
    timeoutMs: 5000,
    style,
  });
  cleanups.push(
    () => receiver.close(),
    () => channel.close?.() ?? Promise.resolve(),
  );
  return { receiver, channel };
}

const one = (n: AlertNotification): ChannelMessage => ({ key: n.key, notifications: [n] });
const many = (ns: AlertNotification[]): ChannelMessage => ({ key: `digest:${ns.length}`, notifications: ns });
const content = (receiver: RobotReceiver, i: number) =>
  (receiver.arrivals[i]?.body.markdown as { content: string }).content;

function expectNoSecret(error: Error) {
  expect(error.message).not.toContain(KEY);
  expect(inspect(error, { depth: 5 })).not.toContain(KEY);
}

describe('WeCom group robot channel', () => {
  it('sends one 红色 notification as markdown: warning colour, body lines, ack and source links', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(redNotification()));

    expect(receiver.arrivals).toHaveLength(1);
    expect(receiver.arrivals[0]?.code).toBe(0);
    expect(receiver.arrivals[0]?.path).toBe('/cgi-bin/webhook/send');
    expect(receiver.arrivals[0]?.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: [
          '<font color="warning">【红色预警·新预警】河口镇 · 工地拖欠农民工工资，工人聚集讨薪</font>',
          '请 值班员 张三 处理',
          '首次发现：12-02 08:10　最近：12-02 09:40',
          '来源：本地论坛、微博　相关帖子 6 条，近1小时 4 条，转发 120、评论 88',
          '涉及金额：约 86 万元',
          '涉及人数：32 人',
          '风险：群体聚集',
          '责任单位：住建、人社',
          // The masked phone's asterisks would open bold text, so they become full-width.
          '摘要：河口镇某工地三十余名工人被拖欠工资近半年，今早在项目部门口聚集，电话 138＊＊＊＊0000。',
          '依据：涉及人数超过30人；出现聚集',
          '[确认处理](https://duty.example.cn/ack/evt-hekou-1?sig=abc_123)　[查看原文](https://forum.example.cn/t/1001)',
        ].join('\n'),
      },
    });
  });

  it('colours a 蓝色 notification with the info colour', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(blueNotification()));
    expect(content(receiver, 0).split('\n')[0]).toBe(
      '<font color="info">【蓝色预警·持续关注】清水乡 · 装修队尾款未结清</font>',
    );
  });

  it('sends a digest as one markdown message, highest level first, each with its link', async () => {
    const { receiver, channel } = await setup();
    await channel.send(many([blueNotification(), redNotification()]));
    expect(receiver.arrivals).toHaveLength(1);
    expect(content(receiver, 0)).toBe(
      [
        '**【预警汇总】2 条预警（红1 蓝1）**',
        '<font color="warning">【红色预警·新预警】河口镇 · 工地拖欠农民工工资，工人聚集讨薪</font>　[确认处理](https://duty.example.cn/ack/evt-hekou-1?sig=abc_123)',
        '<font color="info">【蓝色预警·持续关注】清水乡 · 装修队尾款未结清</font>　[确认处理](https://duty.example.cn/ack/evt-qingshui-2?sig=def)',
      ].join('\n'),
    );
  });

  it('splits a digest too long for 4096 bytes into numbered messages and loses no notification', async () => {
    const { receiver, channel } = await setup();
    const notifications = manyNotifications(80);
    await channel.send(many(notifications));

    const texts = receiver.acceptedTexts();
    expect(texts.length).toBeGreaterThan(1);
    expect(receiver.arrivals.every((a) => a.code === 0)).toBe(true);
    for (const text of texts) expect(utf8Bytes(text)).toBeLessThanOrEqual(4096);
    texts.forEach((text, i) => {
      expect(
        text.startsWith(`**【预警汇总】80 条预警（红20 橙20 黄20 蓝20）（${i + 1}/${texts.length}）**`),
      ).toBe(true);
    });
    const all = texts.join('\n');
    for (const headline of headlines(notifications)) expect(all).toContain(headline);
  });

  it('on a retry after a failed part, sends only the parts not yet accepted', async () => {
    let failed = false;
    const { receiver, channel } = await setup({
      answer: (_arrival, index) => {
        if (index !== 1 || failed) return undefined;
        failed = true;
        return { status: 502 };
      },
    });
    const notifications = manyNotifications(80);
    const error = await rejection(channel.send(many(notifications)));
    expect(error).toBeInstanceOf(TransientError);
    await channel.send(many(notifications));

    const all = receiver.acceptedTexts().join('\n');
    for (const headline of headlines(notifications)) expect(all.split(headline)).toHaveLength(2);
  });

  it('trims a single notification that would not fit, keeping the headline and the links', async () => {
    const { receiver, channel } = await setup();
    await channel.send(one(redNotification({ summary: '工人反映情况'.repeat(400) })));
    const text = content(receiver, 0);
    expect(utf8Bytes(text)).toBeLessThanOrEqual(4096);
    expect(text).toContain('…（已截断）');
    expect(text).toContain('【红色预警·新预警】');
    expect(text).toContain('[确认处理](https://duty.example.cn/ack/evt-hekou-1?sig=abc_123)');
  });

  it('in brief style sends only the headline and the links', async () => {
    const { receiver, channel } = await setup({}, 'brief');
    await channel.send(one(redNotification()));
    expect(content(receiver, 0).split('\n')).toHaveLength(2);
  });

  it('keeps markup from a public post from becoming a link or a colour', async () => {
    const { receiver, channel } = await setup();
    const title = '点击[领取补贴](http://evil.example/x)<font color="info">安全</font>';
    await channel.send(one(redNotification({ title })));
    const text = content(receiver, 0);
    expect(text).toContain('点击［领取补贴］(http://evil.example/x)＜font color="info"＞安全＜/font＞');
    expect(text).not.toContain('[领取补贴]');
  });

  it('sends operations notices with the 【运维告警】 and 【运维恢复】 markers', async () => {
    const { receiver, channel } = await setup();
    await channel.notify(sourceDownNotice());
    await channel.notify(
      sourceDownNotice({ key: 'ops:2', kind: 'source_recovered', title: '微博实时搜索已恢复' }),
    );
    expect(content(receiver, 0)).toBe(
      [
        '<font color="warning">【运维告警】微博实时搜索连续失败</font>',
        '最近 5 次抓取均返回 HTTP 403，可能需要更新登录凭据。',
        '时间：2026-12-02 10:05',
      ].join('\n'),
    );
    expect(content(receiver, 1).split('\n')[0]).toBe(
      '<font color="info">【运维恢复】微博实时搜索已恢复</font>',
    );
  });

  it('maps 93000 (invalid or revoked key) to PermanentError without revealing the key', async () => {
    const receiver = await startRobotReceiver('wecom', { token: 'the-current-key' });
    cleanups.push(() => receiver.close());
    const channel = createWecomChannel('duty', {
      url: receiver.url.replace('the-current-key', KEY),
      timeoutMs: 5000,
    });
    cleanups.push(() => channel.close?.() ?? Promise.resolve());

    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('wecom_93000');
    expect(error.message).toContain('wecom channel duty: errcode 93000');
    expectNoSecret(error);
  });

  it('maps 45009 (frequency out of limit) to ThrottledError for a minute', async () => {
    const { channel } = await setup({
      answer: () => ({ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }),
    });
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(60_000);
  });

  it('retries an unknown error code rather than dropping the alert', async () => {
    const { channel } = await setup({
      answer: () => ({ status: 200, body: { errcode: 12345, errmsg: 'new' } }),
    });
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('wecom_12345');
  });

  it('treats HTTP 500 as retryable, HTTP 400 as permanent', async () => {
    const { channel: failing } = await setup({ answer: () => ({ status: 500 }) });
    const serverError = await rejection(failing.send(one(redNotification())));
    expect(serverError).toBeInstanceOf(TransientError);
    expect(serverError).not.toBeInstanceOf(ThrottledError);
    expectNoSecret(serverError);

    const { channel: refusing } = await setup({ answer: () => ({ status: 400 }) });
    const clientError = await rejection(refusing.send(one(redNotification())));
    expect(clientError).toBeInstanceOf(PermanentError);
    expect((clientError as PermanentError).code).toBe('http_400');
  });

  it('treats a refused connection as retryable, without the key in the error', async () => {
    const gone = await startRobotReceiver('wecom', { token: KEY });
    await gone.close();
    const channel = createWecomChannel('duty', { url: gone.url, timeoutMs: 5000 });
    cleanups.push(() => channel.close?.() ?? Promise.resolve());
    const error = await rejection(channel.send(one(redNotification())));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('network');
    expectNoSecret(error);
  });

  it('declares the platform limits and a strict config schema', async () => {
    const { channel } = await setup();
    expect(channel.limits).toEqual({ messages: 20, perMs: 60_000, maxBytes: 4096 });
    expect(wecomChannelConfigSchema.parse({ kind: 'wecom', url_env: 'WECOM_DUTY_ROBOT_URL' })).toEqual({
      kind: 'wecom',
      url_env: 'WECOM_DUTY_ROBOT_URL',
      timeout_s: 10,
      style: 'full',
    });
    expect(
      wecomChannelConfigSchema.safeParse({ kind: 'wecom', url_env: 'X', url: 'https://x' }).success,
    ).toBe(false);
  });
});
