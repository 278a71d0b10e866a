import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../crawlers/fetcher.ts';
import type { PageRequest } from '../../crawlers/page.ts';
import { PermanentError, ThrottledError, TransientError } from '../../src/errors.ts';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server.ts';

const MB = 1024 * 1024;

describe('fetcher against a loopback server', () => {
  let server: LoopbackServer;
  const fetcher = createFetcher({
    userAgent: 'wagewatch-test/1.0 (+https://example.gov.cn)',
    connectTimeoutMs: 2000,
    headersTimeoutMs: 2000,
    bodyTimeoutMs: 2000,
    maxBodyBytes: 1 * MB,
  });
  const policy = { minIntervalMs: 0, charsetFallback: 'utf-8', allowPrivateNetwork: true };
  const get = (path: string, minIntervalMs = 0) =>
    fetcher.fetch({ url: `${server.url}${path}`, purpose: 'list', page: 1 } satisfies PageRequest, {
      ...policy,
      minIntervalMs,
    });

  beforeAll(async () => {
    server = await startLoopbackServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/gzip') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
        return response.end(gzipSync(Buffer.from('<p>拖欠工资</p>')));
      }
      if (path === '/gbk') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end(
          Buffer.concat([Buffer.from('<meta charset="gb2312"><p>'), Buffer.from([0xc7, 0xf8, 0xcf, 0xd8])]),
        );
      }
      if (path === '/missing') return response.writeHead(404).end();
      if (path === '/broken') return response.writeHead(502).end();
      if (path === '/busy') return response.writeHead(429, { 'retry-after': '7' }).end();
      if (path === '/huge') {
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end(Buffer.alloc(2 * MB, 0x61));
      }
      if (path === '/bomb') {
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return response.end(gzipSync(Buffer.alloc(64 * MB, 0x61)));
      }
      if (path === '/loop') return response.writeHead(302, { location: '/loop' }).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>ok</p>');
    });
  });
  afterAll(async () => {
    await fetcher.close();
    await server.close();
  });

  it('sends its User-Agent and decodes compressed bodies', async () => {
    const page = await get('/gzip');
    expect(page.body).toBe('<p>拖欠工资</p>');
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(
      'wagewatch-test/1.0 (+https://example.gov.cn)',
    );
  });

  it('decodes a page declared GB2312 only in <meta>', async () => {
    const page = await get('/gbk');
    expect(page.charset).toBe('gb18030');
    expect(page.body).toContain('区县');
  });

  it('gives up on 404, retries 5xx, backs off on 429 as asked', async () => {
    await expect(get('/missing')).rejects.toBeInstanceOf(PermanentError);
    await expect(get('/broken')).rejects.toBeInstanceOf(TransientError);
    const throttled = await get('/busy').catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect((throttled as ThrottledError).retryAfterMs).toBe(7000);
  });

  it('stops reading a body over the cap, compressed or not', async () => {
    await expect(get('/huge')).rejects.toMatchObject({ code: 'too_large' });
    await expect(get('/bomb')).rejects.toMatchObject({ code: 'too_large' });
  });

  it('stops a redirect loop', async () => {
    await expect(get('/loop')).rejects.toBeInstanceOf(PermanentError);
  });

  it('reports a refused connection as worth retrying', async () => {
    const closed = await startLoopbackServer(() => undefined);
    const url = closed.url;
    await closed.close();
    const error = await fetcher
      .fetch({ url: `${url}/`, purpose: 'list', page: 1 }, policy)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
  });

  it('keeps the minimum interval between requests to one host', async () => {
    const before = server.requests.length;
    await Promise.all([get('/a', 150), get('/b', 150), get('/c', 150)]);
    const times = server.requests.slice(before).map((r) => r.at);
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(145);
  });
});
