import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSmsChannel,
  smsChannelOptions,
  smsChannelSchema,
} from '../../../src/alerts/channels/sms-channel.ts';
import { renderSmsAlert } from '../../../src/alerts/channels/sms-text.ts';
import type { AlertNotification } from '../../../src/alerts/notification.ts';
import { renderNotificationHeadline } from '../../../src/alerts/notification.ts';
import type { OperationsNotice } from '../../../src/alerts/operations-notice.ts';
import { PermanentError, ThrottledError, TransientError } from '../../../src/errors.ts';
import { createLogger } from '../../../src/logger.ts';
import { Secret } from '../../../src/settings/secret.ts';
import {
  type GatewayAnswer,
  type GatewayRequestLog,
  type SmsGateway,
  startSmsGateway,
} from '../../helpers/sms-gateway.ts';

const API_KEY = 'sk-live/7f3+9a&b=c';
const PHONE = '13800000001';
const OTHER = '13900000002';

const red: AlertNotification = {
  key: 'evt-1:red:1',
  kind: 'raised',
  level: 'red',
  event_id: 'evt-1',
  // Quotes, ampersand, angle brackets, percent, plus, and a literal placeholder from a post.
  title: '"欠薪"&<讨薪> 50%+1 {api_key}',
  summary: '十几名工人在项目部门口讨要工资',
  town: '河口镇',
  amount_yuan: 356_000,
  workers: 18,
  sources: ['微博'],
  posts: 4,
  spread: { per_hour: 3, reposts: 12, comments: 30 },
  owners: ['住建'],
  risks: ['mass_gathering'],
  reasons: [],
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
  ack_url: null,
  url: 'https://tieba.baidu.com/p/2',
};

const notice: OperationsNotice = {
  key: 'ops:weibo:1',
  kind: 'source_failing',
  subject: 'source:weibo-realtime',
  title: '微博实时搜索连续失败',
  detail: '连续 5 次 HTTP 503',
  at: '2026-01-12T09:00:00+08:00',
};

const gateways: SmsGateway[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

async function gateway(answer?: (request: GatewayRequestLog) => GatewayAnswer) {
  const started = await startSmsGateway(answer);
  gateways.push(started);
  return started;
}

/** A channel built the way the loader will: schema, then options with the Secret. */
function sms(config: Record<string, unknown>, lines?: string[]) {
  const parsed = smsChannelSchema.parse({ kind: 'sms', phones: [PHONE], ...config });
  const secret = parsed.api_key_env ? new Secret(parsed.api_key_env, API_KEY) : null;
  const logger = lines
    ? createLogger({ level: 'warn', destination: { write: (line: string) => lines.push(line) } })
    : undefined;
  const channel = createSmsChannel('duty-sms', smsChannelOptions(parsed, secret, logger));
  closers.push(async () => channel.close?.());
  return channel;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function allText(error: Error): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    parts.push(e.message, String(e), JSON.stringify(e));
  return parts.join('\n');
}

const sendRed = (channel: ReturnType<typeof sms>) => channel.send({ key: red.key, notifications: [red] });

describe('sms channel against a loopback gateway', () => {
  it('fills a JSON template with exact JSON escaping and the api key in a header', async () => {
    const gw = await gateway();
    await sendRed(
      sms({
        url: `${gw.url}/sms/send`,
        headers: { Authorization: 'Bearer {api_key}' },
        body: {
          mobile: '{phone}',
          content: '{sign}{text}',
          tpl: '{template_id}',
          extra: { to: ['{phone}'] },
          n: 1,
        },
        api_key_env: 'SMS_API_KEY',
        sign: '【某县人社局】',
        template_id: 'SMS_1',
        success: { json_path: 'code', equals: 'OK' },
      }),
    );
    const text = `${renderNotificationHeadline(red)}\n确认：${red.ack_url}`;
    expect(text).toContain('"欠薪"&<讨薪> 50%+1 {api_key}');
    const [request] = gw.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toBe(
      JSON.stringify({
        mobile: PHONE,
        content: `【某县人社局】${text}`,
        tpl: 'SMS_1',
        extra: { to: [PHONE] },
        n: 1,
      }),
    );
    expect(request?.body).toContain('\\"欠薪\\"&<讨薪>');
    expect(request?.body).toContain('\\n确认：');
    expect(request?.body).not.toContain(API_KEY);
  });

  it('fills a form template with form encoding', async () => {
    const gw = await gateway();
    await sendRed(
      sms({ url: `${gw.url}/send`, body: 'mobile={phone}&content={text}&sign={sign}', sign: '【某县】' }),
    );
    const [request] = gw.requests;
    const text = renderSmsAlert(red, 300);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const form = new URLSearchParams(request?.body);
    expect([...form.keys()]).toEqual(['mobile', 'content', 'sign']);
    expect(form.get('content')).toBe(text);
    expect(request?.body).toBe(
      new URLSearchParams({ mobile: PHONE, content: text, sign: '【某县】' }).toString(),
    );
  });

  it('sends GET with {phone} in the path, the text URL-encoded and cut to max_chars', async () => {
    const gw = await gateway();
    await sendRed(
      sms({
        url: `${gw.url}/send/{phone}?msg={text}&key={api_key}`,
        method: 'GET',
        api_key_env: 'SMS_API_KEY',
        max_chars: 60,
      }),
    );
    const [request] = gw.requests;
    const url = new URL(request?.path ?? '', gw.url);
    expect(request?.method).toBe('GET');
    expect(url.pathname).toBe(`/send/${PHONE}`);
    expect(url.searchParams.get('key')).toBe(API_KEY);
    const msg = url.searchParams.get('msg') ?? '';
    expect([...msg].length).toBeLessThanOrEqual(60);
    expect(msg).toContain('…');
    expect(msg.startsWith('【红色预警·新预警】')).toBe(true);
    // The headline is what gets cut; the ack link stays whole.
    expect(msg.endsWith(`\n确认：${red.ack_url}`)).toBe(true);
  });

  it('keeps a digest within max_chars, highest grade first, and links a notification without ack', async () => {
    const gw = await gateway();
    const channel = sms({ url: `${gw.url}/send`, body: { content: '{text}' }, max_chars: 70 });
    await channel.send({
      key: 'digest-1',
      notifications: [blue, red, { ...blue, key: 'b2', title: '再一条' }],
    });
    await channel.send({ key: blue.key, notifications: [blue] });
    const [digest, single] = gw.requests.map((r) => (JSON.parse(r.body) as { content: string }).content);
    expect([...(digest ?? '')].length).toBeLessThanOrEqual(70);
    expect(digest?.split('\n')[0]).toBe('【预警汇总】3 条预警（红1 蓝2）');
    expect(digest?.split('\n')[1]).toContain('红色预警');
    expect(digest).toMatch(/…另 \d 条$/);
    expect(single).toBe(`${renderNotificationHeadline(blue)}\n详情：${blue.url}`);
  });

  it('sends operations notices as a short 【运维告警】 text', async () => {
    const gw = await gateway();
    await sms({ url: `${gw.url}/send`, body: { content: '{text}' } }).notify(notice);
    const content = (JSON.parse(gw.requests[0]?.body ?? '{}') as { content: string }).content;
    expect(content.startsWith('【运维告警】微博实时搜索连续失败\n连续 5 次 HTTP 503')).toBe(true);
  });

  it.each([
    { answer: { status: 200, body: { code: 'OK' } }, check: { json_path: 'code', equals: 'OK' }, kind: null },
    {
      answer: { status: 200, body: { data: { result: 0 } } },
      check: { json_path: 'data.result', equals: 0 },
      kind: null,
    },
    { answer: { status: 200, body: { result: '0' } }, check: { json_path: 'result', equals: 0 }, kind: null },
    {
      answer: { status: 200, body: { code: 'isv.SMS_TEMPLATE_ILLEGAL' } },
      check: { json_path: 'code', equals: 'OK' },
      kind: PermanentError,
    },
    {
      answer: { status: 200, body: { msg: 'bad key' } },
      check: { json_path: 'code', equals: 'OK' },
      kind: PermanentError,
    },
    {
      answer: { status: 200, body: { code: 'isv.BUSINESS_LIMIT_CONTROL' } },
      check: { json_path: 'code', equals: 'OK', throttled: ['isv.BUSINESS_LIMIT_CONTROL'] },
      kind: ThrottledError,
    },
    {
      answer: { status: 200, body: '<html>维护中</html>' },
      check: { json_path: 'code', equals: 'OK' },
      kind: TransientError,
    },
  ])('success check $check.json_path on $answer.body', async ({ answer, check, kind }) => {
    const gw = await gateway(() => answer);
    const sending = sendRed(sms({ url: `${gw.url}/send`, body: { c: '{text}' }, success: check }));
    if (kind === null) await sending;
    else expect(await failure(sending)).toBeInstanceOf(kind);
  });

  it.each([
    { status: 500, retryAfter: null, kind: TransientError },
    { status: 503, retryAfter: null, kind: TransientError },
    { status: 503, retryAfter: '7', kind: ThrottledError },
    { status: 401, retryAfter: null, kind: PermanentError },
    { status: 400, retryAfter: null, kind: PermanentError },
    { status: 429, retryAfter: '7', kind: ThrottledError },
  ])('maps gateway HTTP $status (Retry-After $retryAfter) to $kind.name, without the api key', async ({
    status,
    retryAfter,
    kind,
  }) => {
    const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
    const gw = await gateway(() => ({ status, body: { error: `key ${API_KEY} refused` }, headers }));
    const error = await failure(
      sendRed(
        sms({ url: `${gw.url}/send?key={api_key}`, body: { c: '{text}' }, api_key_env: 'SMS_API_KEY' }),
      ),
    );
    expect(error).toBeInstanceOf(kind);
    if (kind === TransientError) expect(error).not.toBeInstanceOf(PermanentError);
    if (error instanceof ThrottledError) expect(error.retryAfterMs).toBe(7000);
    expect(allText(error)).not.toContain(API_KEY);
    expect(allText(error)).not.toContain(encodeURIComponent(API_KEY));
  });

  it('counts a message delivered when one phone refuses for good and another takes it', async () => {
    const lines: string[] = [];
    const gw = await gateway((r) =>
      r.body.includes(OTHER) ? { status: 400, body: {} } : { status: 200, body: {} },
    );
    const channel = sms(
      { url: `${gw.url}/send`, body: { to: '{phone}', c: '{text}' }, phones: [PHONE, OTHER] },
      lines,
    );
    await sendRed(channel);
    expect(lines.join('')).toContain('***0002');
    expect(lines.join('')).not.toContain(OTHER);
    // The same key again: both phones are settled, so nothing is sent twice.
    await sendRed(channel);
    expect(gw.requests).toHaveLength(2);
  });

  it('retries only the phones that failed transiently', async () => {
    let failures = 1;
    const gw = await gateway((r) =>
      r.body.includes(OTHER) && failures-- > 0 ? { status: 502, body: {} } : { status: 200, body: {} },
    );
    const channel = sms({
      url: `${gw.url}/send`,
      body: { to: '{phone}', c: '{text}' },
      phones: [PHONE, OTHER],
    });
    const error = await failure(sendRed(channel));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain('1 of 2 phones reached');
    await sendRed(channel);
    const phones = gw.requests.map((r) => (JSON.parse(r.body) as { to: string }).to);
    expect(phones.sort()).toEqual([PHONE, OTHER, OTHER].sort());
  });

  it('backs off when any phone is throttled, and gives up when every phone refuses', async () => {
    const gw = await gateway((r) =>
      r.body.includes(OTHER) ? { status: 429, body: {} } : { status: 500, body: {} },
    );
    const error = await failure(
      sendRed(sms({ url: `${gw.url}/send`, body: { to: '{phone}' }, phones: [PHONE, OTHER] })),
    );
    expect(error).toBeInstanceOf(ThrottledError);
    const refusing = await gateway(() => ({ status: 403, body: {} }));
    const refused = await failure(
      sendRed(sms({ url: `${refusing.url}/send`, body: { to: '{phone}' }, phones: [PHONE, OTHER] })),
    );
    expect(refused).toBeInstanceOf(PermanentError);
    expect(refused.message).toContain('0 of 2 phones reached');
  });

  it('treats a refused connection as worth a retry, without the key from the URL', async () => {
    const port = await closedPort();
    const error = await failure(
      sendRed(
        sms({ url: `http://127.0.0.1:${port}/send?k={api_key}&m={text}`, method: 'GET', api_key_env: 'K' }),
      ),
    );
    expect(error).toBeInstanceOf(TransientError);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(allText(error)).not.toContain(API_KEY);
    expect(allText(error)).not.toContain(encodeURIComponent(API_KEY));
  });
});

describe('sms channel config', () => {
  const problems = (config: Record<string, unknown>) =>
    smsChannelSchema
      .safeParse({ kind: 'sms', url: 'https://sms.example.cn/send', phones: [PHONE], ...config })
      .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

  it('accepts a sample config and fills defaults', () => {
    const parsed = smsChannelSchema.parse({
      kind: 'sms',
      url: 'https://sms.example.cn/send',
      body: 'mobile={phone}&content={sign}{text}',
      phones: [PHONE],
    });
    expect(parsed).toMatchObject({ method: 'POST', max_chars: 300, limits: { messages: 10, per_s: 60 } });
  });

  it.each([
    [{ body: { to: '{mobile}' } }, 'body.to: unknown placeholder {mobile}'],
    [{ method: 'GET', body: 'a={text}' }, 'body: a GET request has no body'],
    [{ headers: { 'X-Key': '{api_key}' } }, 'api_key_env: {api_key} is used but api_key_env is not set'],
    [{ api_key_env: 'SMS_KEY' }, 'api_key_env: set, but no {api_key} placeholder uses it'],
    [{ headers: { 'X-Text': '{text}' } }, 'headers.X-Text: {text} cannot go into a header'],
    [{ url: 'ftp://sms.example.cn/{phone}' }, 'url: an http(s) URL'],
    [{ phones: ['138-0000'] }, 'phones.0: digits'],
  ])('rejects %j', (config, expected) => {
    expect(problems(config).join('\n')).toContain(expected);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
