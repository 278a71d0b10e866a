import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { connect as netConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisHostGate } from '../../crawlers/fetch/redis-host-gate.ts';
import { createFetcher, type FetcherOptions, type FetchPolicy } from '../../crawlers/fetcher.ts';
import type { PageRequest } from '../../crawlers/page.ts';
import { PermanentError, ThrottledError, TransientError } from '../../src/errors.ts';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';

const MB = 1024 * 1024;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function fetcherWith(options: Partial<FetcherOptions> = {}) {
  const fetcher = createFetcher({
    userAgent: 'wagewatch/1.0 (+https://example.gov.cn)',
    connectTimeoutMs: 1000,
    headersTimeoutMs: 1000,
    bodyTimeoutMs: 500,
    maxBodyBytes: 5 * MB,
    ...options,
  });
  closers.push(() => fetcher.close());
  return fetcher;
}

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const server = await startLoopbackServer(handler);
  closers.push(() => server.close());
  return server;
}

const internal: FetchPolicy = { minIntervalMs: 0, charsetFallback: 'utf-8', allowPrivateNetwork: true };
const list = (url: string): PageRequest => ({ url, purpose: 'list', page: 1 });
const recordedSleep = () => {
  const waits: number[] = [];
  return { waits, deps: { sleep: async (ms: number) => void waits.push(ms), random: () => 1 } };
};

describe('fetcher faults, each ending in its documented outcome', () => {
  it('retries 503 then reads the 200, with exponential backoff', async () => {
    let calls = 0;
    const server = await serve((_, res) => {
      calls++;
      if (calls < 3) return res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>恢复</p>');
    });
    const sleeps = recordedSleep();
    const fetcher = fetcherWith({
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 },
      retryDeps: sleeps.deps,
    });
    expect((await fetcher.fetch(list(`${server.url}/`), internal)).body).toBe('<p>恢复</p>');
    expect(sleeps.waits).toEqual([100, 200]);
  });

  it('waits out a short Retry-After, and hands a long one to the job queue', async () => {
    let calls = 0;
    const server = await serve((req, res) => {
      calls++;
      if (req.url === '/long') return res.writeHead(429, { 'retry-after': '600' }).end();
      if (calls === 1) return res.writeHead(429, { 'retry-after': '2' }).end();
      res.writeHead(200).end('ok');
    });
    const sleeps = recordedSleep();
    const fetcher = fetcherWith({
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 },
      retryDeps: sleeps.deps,
    });
    await fetcher.fetch(list(`${server.url}/short`), internal);
    expect(sleeps.waits).toEqual([2000]);
    const error = await fetcher.fetch(list(`${server.url}/long`), internal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(600_000);
  });

  it('does not retry a 404', async () => {
    let calls = 0;
    const server = await serve((_, res) => {
      calls++;
      res.writeHead(404).end();
    });
    const fetcher = fetcherWith({
      retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    });
    await expect(fetcher.fetch(list(`${server.url}/`), internal)).rejects.toBeInstanceOf(PermanentError);
    expect(calls).toBe(1);
  });

  it("gives up on a body trickling faster than the body timeout, at the whole answer's deadline", async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>');
      const drip = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(drip));
    });
    const error = await fetcherWith()
      .fetch(list(`${server.url}/`), internal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({
      code: 'timeout',
      message: expect.stringContaining('no complete answer within'),
    });
  });

  it('gives up on a slow-loris body at the body timeout, as a transient failure', async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>');
      const drip = setInterval(() => res.write('.'), 5_000);
      res.on('close', () => clearInterval(drip));
    });
    const error = await fetcherWith()
      .fetch(list(`${server.url}/`), internal)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
  });

  it('stops a 100 MB body at the cap without reading it all', async () => {
    let sent = 0;
    const server = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(MB, 0x61);
      const pump = () => {
        while (sent < 100 * MB) {
          sent += MB;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        sent = Math.min(sent, 100 * MB);
      });
      pump();
    });
    await expect(fetcherWith().fetch(list(`${server.url}/`), internal)).rejects.toMatchObject({
      code: 'too_large',
    });
    expect(sent).toBeLessThan(100 * MB);
  });

  it('refuses a redirect to a private address before connecting to it', async () => {
    // news.test resolves to a public address for the guard; every connection goes to loopback.
    const server = await serve((req, res) => {
      if (req.url === '/article')
        return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      res.writeHead(302, { location: 'http://admin.test/' }).end();
    });
    const port = Number(new URL(server.url).port);
    const resolver = async (host: string) => (host === 'admin.test' ? ['10.0.0.8'] : ['203.0.113.10']);
    const connectLookup: LookupFunction = (_host, options, callback) => {
      const answer = callback as (
        e: null,
        address: string | { address: string; family: number }[],
        family?: number,
      ) => void;
      if (options.all) answer(null, [{ address: '127.0.0.1', family: 4 }]);
      else answer(null, '127.0.0.1', 4);
    };
    const fetcher = fetcherWith({ resolver, connectLookup });
    const policy: FetchPolicy = { minIntervalMs: 0, charsetFallback: 'utf-8' };
    await expect(fetcher.fetch(list(`http://news.test:${port}/article`), policy)).rejects.toMatchObject({
      code: 'private_address',
      message: expect.stringContaining('169.254.169.254'),
    });
    await expect(fetcher.fetch(list(`http://news.test:${port}/other`), policy)).rejects.toMatchObject({
      code: 'private_address',
      message: expect.stringContaining('10.0.0.8'),
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/article', '/other']);
    // The configured URL itself is checked too.
    await expect(fetcher.fetch(list(`${server.url}/`), policy)).rejects.toMatchObject({
      code: 'private_address',
    });
  });

  it('honours robots.txt: a disallowed path is refused, a missing file allows all, a broken one allows nothing', async () => {
    let robots: { status: number; body: string } = {
      status: 200,
      body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: wagewatch\nDisallow: /letters/admin\n',
    };
    const server = await serve((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(robots.status).end(robots.body);
      res.writeHead(200).end('ok');
    });
    const policy: FetchPolicy = { ...internal, respectRobots: true };
    let fetcher = fetcherWith();
    await expect(fetcher.fetch(list(`${server.url}/letters/admin/1`), policy)).rejects.toMatchObject({
      code: 'robots_disallowed',
    });
    expect((await fetcher.fetch(list(`${server.url}/private/x`), policy)).body).toBe('ok'); // our group only
    expect((await fetcher.fetch(list(`${server.url}/letters/1`), policy)).body).toBe('ok');
    robots = { status: 404, body: '' };
    fetcher = fetcherWith();
    expect((await fetcher.fetch(list(`${server.url}/letters/admin/1`), policy)).body).toBe('ok');
    robots = { status: 500, body: '' };
    fetcher = fetcherWith();
    await expect(fetcher.fetch(list(`${server.url}/letters/1`), policy)).rejects.toMatchObject({
      code: 'robots_disallowed',
      message: expect.stringContaining('could not be read'),
    });
    expect(server.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(3);
  });

  it('opens a host circuit after repeated failures and tries again after the cooldown', async () => {
    let clock = 0;
    let healthy = false;
    const server = await serve((_, res) =>
      healthy ? res.writeHead(200).end('ok') : res.writeHead(502).end(),
    );
    const fetcher = fetcherWith({ circuit: { failureThreshold: 3, cooldownMs: 60_000 }, now: () => clock });
    for (let i = 0; i < 3; i++)
      await expect(fetcher.fetch(list(`${server.url}/`), internal)).rejects.toMatchObject({
        code: 'http_502',
      });
    await expect(fetcher.fetch(list(`${server.url}/`), internal)).rejects.toMatchObject({
      code: 'circuit_open',
    });
    expect(server.requests).toHaveLength(3);
    clock += 60_000;
    healthy = true;
    expect((await fetcher.fetch(list(`${server.url}/`), internal)).body).toBe('ok');
  });

  it('asks for list pages only if changed, and reports a 304 as not modified', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'content-type': 'text/html' }).end('<p>列表</p>');
    });
    const fetcher = fetcherWith();
    expect((await fetcher.fetch(list(`${server.url}/list`), internal)).notModified).toBe(false);
    const again = await fetcher.fetch(list(`${server.url}/list`), internal);
    expect(again).toMatchObject({ status: 304, notModified: true });
    // Detail pages are fetched once and never conditionally.
    await fetcher.fetch({ url: `${server.url}/list`, purpose: 'detail', page: 1 }, internal);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
  });

  it('sends POST bodies, request headers and the source credentials', async () => {
    const bodies: string[] = [];
    const server = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
      });
    });
    await fetcherWith().fetch(
      {
        url: `${server.url}/api`,
        purpose: 'list',
        page: 1,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"q":"欠薪"}',
      },
      { ...internal, headers: { cookie: 'SUB=secret' } },
    );
    expect(bodies).toEqual(['{"q":"欠薪"}']);
    expect(server.requests[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      cookie: 'SUB=secret',
    });
  });

  it('goes through the source proxy when one is configured', async () => {
    const target = await serve((_, res) => res.writeHead(200).end('via proxy'));
    const tunnels: string[] = [];
    const proxy: Server = createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = netConnect(Number(port), host as string, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => proxy.close(resolve)));
    closers.push(async () => proxy.closeAllConnections());
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const page = await fetcherWith().fetch(list(`${target.url}/`), { ...internal, proxyUrl });
    expect(page.body).toBe('via proxy');
    expect(tunnels).toEqual([new URL(target.url).host]);
  });

  it('keeps every host apart from every worker: no two requests closer than its interval', async () => {
    const server = await serve((_, res) => res.writeHead(200).end('ok'));
    const redis = connectTestRedis();
    closers.push(() => redis.quit());
    const prefix = uniquePrefix('gate');
    // Two fetchers stand for two worker processes sharing one Redis.
    const workers = [0, 1].map(() =>
      fetcherWith({ hostGate: createRedisHostGate(redis, { prefix, leaseMs: 5000 }) }),
    );
    const policy = { ...internal, minIntervalMs: 120 };
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (workers[i % 2] as ReturnType<typeof fetcherWith>).fetch(list(`${server.url}/${i}`), policy),
      ),
    );
    const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(6);
    // Redis's clock paces the starts; a few ms of loopback jitter is allowed at the server.
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(110);
  });
});
