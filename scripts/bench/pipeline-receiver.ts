import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlertReceiver {
  url: string;
  /** Event id → performance.now() when its first `raised` notification arrived, and the post URL it named. */
  raisedAt: Map<string, { at: number; url: string }>;
  /** Notifications received (digests count each one inside) and POSTs received. */
  counts(): { notifications: number; messages: number };
  reset(): void;
  close(): Promise<void>;
}

/** The duty room's webhook on loopback. It notes when each event's first message arrives, and answers 200. */
export async function startAlertReceiver(): Promise<AlertReceiver> {
  const raisedAt = new Map<string, { at: number; url: string }>();
  let notifications = 0;
  let messages = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      messages++;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          notifications?: { kind: string; event_id: string; url: string | null }[];
        };
        for (const notification of body.notifications ?? []) {
          notifications++;
          if (notification.kind === 'raised' && notification.url && !raisedAt.has(notification.event_id))
            raisedAt.set(notification.event_id, { at, url: notification.url });
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    raisedAt,
    counts: () => ({ notifications, messages }),
    reset() {
      raisedAt.clear();
      notifications = 0;
      messages = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
