import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import { headerValue, networkError, statusError } from '../../http/status-errors.ts';
import type { Secret } from '../../settings/secret.ts';
import { renderNotificationText } from '../notification.ts';
import { renderOperationsText } from '../operations-notice.ts';
import type { Channel } from './channel-plugin.ts';

export interface WebhookChannelOptions {
  url: string;
  secret: Secret | null;
  timeoutMs: number;
  /** What the receiver takes (default 100 a second). */
  limits?: { messages: number; perMs: number };
  now?: () => number;
}

/**
 * POSTs the alert as JSON. The receiver can drop repeats by `X-Wagewatch-Idempotency-Key` and
 * check `X-Wagewatch-Signature` = hex HMAC-SHA256 of `<timestamp>.<body>` with the shared key.
 */
export function createWebhookChannel(name: string, options: WebhookChannelOptions): Channel {
  const agent = new Agent({
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const now = options.now ?? Date.now;
  /** One signed POST; `key` lets the receiver drop repeats. */
  const post = async (key: string, payload: unknown) => {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-wagewatch-idempotency-key': key,
      'x-wagewatch-timestamp': timestamp,
    };
    if (options.secret) {
      const signature = createHmac('sha256', options.secret.reveal())
        .update(`${timestamp}.${body}`)
        .digest('hex');
      headers['x-wagewatch-signature'] = `sha256=${signature}`;
    }
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(options.url, { method: 'POST', body, headers, dispatcher: agent });
    } catch (error) {
      throw networkError(`webhook ${name}`, error);
    }
    await response.body.dump();
    if (response.statusCode >= 300) {
      throw statusError(`webhook ${name}`, response.statusCode, headerValue(response.headers['retry-after']));
    }
  };
  return {
    name,
    limits: {
      messages: options.limits?.messages ?? 100,
      perMs: options.limits?.perMs ?? 1000,
      maxBytes: 5_000_000,
    },
    send: ({ key, notifications }) =>
      post(key, {
        type: 'opinion',
        key,
        notifications: notifications.map((n) => ({ ...n, text: renderNotificationText(n) })),
      }),
    notify: (notice) =>
      post(notice.key, { type: 'operations', ...notice, text: renderOperationsText(notice) }),
    close: () => agent.close(),
  };
}
