import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  key: string;
  signatureValid: boolean | null;
  body: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  /** Every POST in arrival order, repeats included, so tests can count duplicates. */
  received: ReceivedAlert[];
  close(): Promise<void>;
}

/**
 * A duty-room webhook endpoint on loopback: records what arrives and checks the HMAC signature
 * when it knows the key. The demo shows deliveries with it; tests count them.
 */
export async function startWebhookReceiver(options: { secret?: string } = {}): Promise<WebhookReceiver> {
  const received: ReceivedAlert[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        received.push({
          key: String(request.headers['x-wagewatch-idempotency-key'] ?? ''),
          signatureValid: options.secret ? verify(options.secret, request.headers, raw) : null,
          body: JSON.parse(raw),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function verify(secret: string, headers: import('node:http').IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers['x-wagewatch-timestamp'] ?? '');
  const given = Buffer.from(String(headers['x-wagewatch-signature'] ?? ''));
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
  );
  return given.length === expected.length && timingSafeEqual(given, expected);
}
