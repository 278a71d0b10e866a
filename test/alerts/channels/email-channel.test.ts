import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEmailChannel,
  type EmailChannelOptions,
  emailChannelOptions,
  emailChannelSchema,
  smtpVerdict,
} from '../../../src/alerts/channels/email-channel.ts';
import type { AlertNotification } from '../../../src/alerts/notification.ts';
import { renderNotificationHeadline } from '../../../src/alerts/notification.ts';
import type { OperationsNotice } from '../../../src/alerts/operations-notice.ts';
import { PermanentError, ThrottledError, TransientError } from '../../../src/errors.ts';
import { createLogger } from '../../../src/logger.ts';
import { Secret } from '../../../src/settings/secret.ts';
import {
  parseMail,
  type SmtpReceiver,
  type SmtpReceiverOptions,
  startSmtpReceiver,
} from '../../helpers/smtp-receiver.ts';

const PASSWORD = 'p@ss-秘密-2041';

const red: AlertNotification = {
  key: 'evt-1:red:1',
  kind: 'raised',
  level: 'red',
  event_id: 'evt-1',
  title: '工地拖欠工资 <script>alert("x")</script> & 讨薪',
  summary: '十几名工人在项目部门口讨要工资，电话 138****0000',
  town: '河口镇',
  amount_yuan: 356_000,
  workers: 18,
  sources: ['微博'],
  posts: 4,
  spread: { per_hour: 3, reposts: 12, comments: 30 },
  owners: ['住建', '人社'],
  risks: ['mass_gathering'],
  reasons: ['群体聚集'],
  first_seen: '2026-01-12T08:10:00+08:00',
  last_seen: '2026-01-12T09:05:00+08:00',
  url: 'https://weibo.com/1/AbC',
  ack_url: 'https://duty.example.gov.cn/ack?t=abc&sig=1',
  recipients: ['值班员 张三'],
};

const blue: AlertNotification = {
  ...red,
  key: 'evt-2:blue:1',
  level: 'blue',
  event_id: 'evt-2',
  title: '网传某公司欠薪',
  town: null,
  amount_yuan: null,
  workers: null,
  risks: [],
  ack_url: null,
  url: 'https://tieba.baidu.com/p/2',
  recipients: [],
};

const notice: OperationsNotice = {
  key: 'ops:weibo:1',
  kind: 'source_failing',
  subject: 'source:weibo-realtime',
  title: '微博实时搜索连续失败',
  detail: '连续 5 次 HTTP 503',
  at: '2026-01-12T09:00:00+08:00',
};

const servers: SmtpReceiver[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function receiver(options: SmtpReceiverOptions = {}) {
  const server = await startSmtpReceiver(options);
  servers.push(server);
  return server;
}

function channel(port: number, overrides: Partial<EmailChannelOptions> = {}) {
  const created = createEmailChannel('duty-mail', {
    host: '127.0.0.1',
    port,
    secure: false,
    requireTls: false,
    auth: { user: 'alerts', password: new Secret('SMTP_PASSWORD', PASSWORD) },
    from: { name: '欠薪预警', address: 'alerts@county.example.gov.cn' },
    to: ['duty@county.example.gov.cn'],
    cc: ['leader@county.example.gov.cn'],
    connectionTimeoutMs: 3000,
    greetingTimeoutMs: 3000,
    socketTimeoutMs: 5000,
    maxConnections: 1,
    limits: { messages: 30, perMs: 60_000, maxBytes: 512 * 1024 },
    ...overrides,
  });
  closers.push(async () => created.close?.());
  return created;
}

const users = { alerts: PASSWORD };

/** The error a promise rejects with, for assertions on its class and text. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Message, code and every cause's message: where a leaked password would show. */
function allText(error: Error): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    parts.push(e.message, String(e), JSON.stringify(e));
  return parts.join('\n');
}

describe('email channel against a loopback SMTP server', () => {
  it('logs in with AUTH PLAIN and delivers one alert with subject, text, HTML and idempotency headers', async () => {
    const server = await receiver({ users });
    await channel(server.port).send({ key: red.key, notifications: [red] });

    expect(server.logins).toEqual(['PLAIN']);
    const [mail] = server.mails;
    expect(mail?.user).toBe('alerts');
    expect(mail?.to.sort()).toEqual(['duty@county.example.gov.cn', 'leader@county.example.gov.cn']);
    const parsed = parseMail(mail?.raw ?? '');
    expect(parsed.subject).toBe(renderNotificationHeadline(red));
    expect(parsed.headers.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(parsed.headers.get('x-wagewatch-idempotency-key')).toBe(red.key);
    expect(parsed.headers.get('message-id')).toMatch(/^<[0-9a-f]{40}@county\.example\.gov\.cn>$/);
    expect(parsed.headers.get('x-priority')).toMatch(/^1/);
    expect(parsed.text).toContain('涉及金额：约 35.6 万元');
    expect(parsed.text).toContain(`确认处理：${red.ack_url}`);
    expect(parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 讨薪');
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).toContain('href="https://duty.example.gov.cn/ack?t=abc&amp;sig=1"');
    expect(parsed.html).toContain('#c62828');
    expect(parsed.html).toContain('涉及人数：18 人');
  });

  it('logs in with AUTH LOGIN when that is all the server offers', async () => {
    const server = await receiver({ users, authMethods: ['LOGIN'] });
    await channel(server.port).send({ key: blue.key, notifications: [blue] });
    expect(server.logins).toEqual(['LOGIN']);
    expect(parseMail(server.mails[0]?.raw ?? '').subject).toBe(
      '【蓝色预警·新预警】属地未识别 · 网传某公司欠薪',
    );
  });

  it('sends a key once per process and keeps the Message-ID stable across processes', async () => {
    const server = await receiver({ users });
    const first = channel(server.port);
    await first.send({ key: red.key, notifications: [red] });
    await first.send({ key: red.key, notifications: [red] });
    expect(server.mails).toHaveLength(1);
    await channel(server.port).send({ key: red.key, notifications: [red] });
    const ids = server.mails.map((m) => parseMail(m.raw).headers.get('message-id'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('renders a digest with counts in the subject and every notification as a section', async () => {
    const server = await receiver({ users });
    await channel(server.port).send({ key: 'digest-1', notifications: [blue, red] });
    const parsed = parseMail(server.mails[0]?.raw ?? '');
    expect(parsed.subject).toBe('【预警汇总】2 条预警（红1 蓝1）');
    expect(parsed.headers.get('x-wagewatch-idempotency-key')).toBe('digest-1');
    const redAt = parsed.text.indexOf(renderNotificationHeadline(red));
    expect(redAt).toBeGreaterThan(0);
    expect(parsed.text.indexOf(renderNotificationHeadline(blue))).toBeGreaterThan(redAt);
    expect(parsed.html.match(/border-radius:6px/g)).toHaveLength(2);
    expect(parsed.html).toContain('#1565c0');
  });

  it('sends operations notices with a 【运维告警】 subject', async () => {
    const server = await receiver({ users });
    await channel(server.port).notify(notice);
    const parsed = parseMail(server.mails[0]?.raw ?? '');
    expect(parsed.subject).toBe('【运维告警】微博实时搜索连续失败');
    expect(parsed.text).toContain('连续 5 次 HTTP 503');
    expect(parsed.headers.get('x-wagewatch-idempotency-key')).toBe(notice.key);
  });

  it('gives up on a refused login, without the password in the error', async () => {
    const server = await receiver({ users: { alerts: 'another-password' } });
    const error = await failure(channel(server.port).send({ key: red.key, notifications: [red] }));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('535');
    expect(allText(error)).not.toContain(PASSWORD);
    expect(server.mails).toHaveLength(0);
  });

  it.each([
    { reply: { code: 451, text: '4.3.0 Local error in processing' }, kind: TransientError },
    { reply: { code: 452, text: '4.3.1 Insufficient system storage' }, kind: TransientError },
    { reply: { code: 421, text: '4.4.2 Service shutting down' }, kind: ThrottledError },
    { reply: { code: 450, text: '4.7.1 Client host rejected: try again' }, kind: ThrottledError },
    { reply: { code: 451, text: 'MI:SFQ 发信人在15分钟内的发信数量超过限制' }, kind: ThrottledError },
    { reply: { code: 550, text: 'Ip frequency limited' }, kind: ThrottledError },
    { reply: { code: 554, text: '5.7.1 Message rejected as spam' }, kind: PermanentError },
  ])('maps a $reply.code reply to the message to $kind.name', async ({ reply, kind }) => {
    const server = await receiver({ users, rejectData: () => reply });
    const error = await failure(channel(server.port).send({ key: red.key, notifications: [red] }));
    expect(error).toBeInstanceOf(kind);
    if (kind === TransientError) expect(error).not.toBeInstanceOf(PermanentError);
    expect(allText(error)).not.toContain(PASSWORD);
  });

  it('gives up when the only recipient is refused with 550', async () => {
    const server = await receiver({
      users,
      rejectRecipient: () => ({ code: 550, text: '5.1.1 No such user' }),
    });
    const error = await failure(
      channel(server.port, { cc: [] }).send({ key: red.key, notifications: [red] }),
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('550');
  });

  it('delivers to the other recipients when one is refused for good, and says so in the log', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line: string) => lines.push(line) },
    });
    const server = await receiver({
      users,
      rejectRecipient: (to) => (to.startsWith('leader') ? { code: 550, text: '5.1.1 No such user' } : null),
    });
    await channel(server.port, { logger }).send({ key: red.key, notifications: [red] });
    expect(server.mails.map((m) => m.to)).toEqual([['duty@county.example.gov.cn']]);
    expect(lines.join('')).toContain('le***@county.example.gov.cn');
    expect(lines.join('')).not.toContain('leader@');
  });

  it('retries only the recipients that deferred the message', async () => {
    let deferrals = 1;
    const server = await receiver({
      users,
      rejectRecipient: (to) =>
        to.startsWith('leader') && deferrals-- > 0 ? { code: 450, text: '4.2.0 Mailbox busy' } : null,
    });
    const mail = channel(server.port);
    const error = await failure(mail.send({ key: red.key, notifications: [red] }));
    expect(error).toBeInstanceOf(TransientError);
    await mail.send({ key: red.key, notifications: [red] });
    expect(server.mails.map((m) => m.to)).toEqual([
      ['duty@county.example.gov.cn'],
      ['leader@county.example.gov.cn'],
    ]);
  });

  it('refuses to log in over plaintext when require_tls is set and the server offers no STARTTLS', async () => {
    const server = await receiver({ users });
    const error = await failure(
      channel(server.port, { requireTls: true }).send({ key: red.key, notifications: [red] }),
    );
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.message).toContain('STARTTLS');
    expect(server.logins).toEqual([]);
  });

  it('treats a refused connection as worth a retry', async () => {
    const port = await closedPort();
    const error = await failure(channel(port).send({ key: red.key, notifications: [red] }));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(allText(error)).not.toContain(PASSWORD);
  });
});

describe('smtpVerdict', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, response: '535 Login fail. login frequency limited' }, 'permanent'],
    [
      { code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Temporary authentication failure' },
      'throttled',
    ],
    [{ code: 'EAUTH', response: undefined }, 'permanent'],
    [{ code: 'ENOAUTH' }, 'permanent'],
    [
      { code: 'EENVELOPE', responseCode: 553, response: '553 5.1.3 Bad recipient address syntax' },
      'permanent',
    ],
    [{ code: 'EENVELOPE', responseCode: 503, response: '503 5.5.1 Bad sequence of commands' }, 'transient'],
    [{ code: 'EENVELOPE' }, 'permanent'],
    [{ code: 'ECONNECTION', responseCode: 421, response: '421 Too many connections' }, 'throttled'],
    [{ code: 'ESOCKET' }, 'transient'],
    [{ code: 'ETIMEDOUT' }, 'transient'],
  ] as const)('%j is %s', (error, verdict) => {
    expect(smtpVerdict(Object.assign(new Error('x'), error))).toBe(verdict);
  });
});

describe('email channel config', () => {
  it('fills defaults and maps to factory options', () => {
    const config = emailChannelSchema.parse({
      kind: 'email',
      host: 'smtp.county.example.gov.cn',
      user: 'alerts',
      password_env: 'SMTP_PASSWORD',
      from: 'alerts@county.example.gov.cn',
      to: ['duty@county.example.gov.cn'],
    });
    const options = emailChannelOptions(config, new Secret('SMTP_PASSWORD', PASSWORD));
    expect(options).toMatchObject({
      port: 587,
      requireTls: true,
      cc: [],
      connectionTimeoutMs: 10_000,
      limits: { messages: 30, perMs: 60_000, maxBytes: 524_288 },
    });
    expect(JSON.stringify(options)).not.toContain(PASSWORD);
  });

  it('rejects a password without a user, unknown keys and bad addresses', () => {
    const result = emailChannelSchema.safeParse({
      kind: 'email',
      host: 'smtp',
      password_env: 'SMTP_PASSWORD',
      from: 'not-an-address',
      to: [],
      pasword: 'x',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.code);
    expect(paths).toEqual(expect.arrayContaining(['from', 'to', 'unrecognized_keys']));
    const lonePassword = emailChannelSchema.safeParse({
      kind: 'email',
      host: 'smtp',
      password_env: 'SMTP_PASSWORD',
      from: 'alerts@county.example.gov.cn',
      to: ['duty@county.example.gov.cn'],
    });
    expect(lonePassword.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['password_env']);
  });
});

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
