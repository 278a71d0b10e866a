import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequestLog {
  method: string;
  /** Path and query as sent, still encoded. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface GatewayAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SmsGateway {
  url: string;
  requests: GatewayRequestLog[];
  close(): Promise<void>;
}

/**
 * A fake SMS gateway on 127.0.0.1: records every request with its body and answers with what
 * the test's function says (a JSON body unless it is a string).
 */
export async function startSmsGateway(
  answer: (request: GatewayRequestLog) => GatewayAnswer = () => ({ status: 200, body: { code: 'OK' } }),
): Promise<SmsGateway> {
  const requests: GatewayRequestLog[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const log = {
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(log);
      const { status, body = '', headers = {} } = answer(log);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
