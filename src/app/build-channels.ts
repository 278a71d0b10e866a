import type { Writable } from 'node:stream';
import type { Channel } from '../alerts/channels/channel.ts';
import { createConsoleChannel } from '../alerts/channels/console-channel.ts';
import { createWebhookChannel } from '../alerts/channels/webhook-channel.ts';
import type { AppConfig } from '../settings/load-config.ts';

/** One channel per configured entry; a webhook without a URL is left out (the loader warned). */
export function buildChannels(config: AppConfig, deps: { consoleOut: Writable }): Map<string, Channel> {
  const channels = new Map<string, Channel>();
  for (const [name, channel] of Object.entries(config.routing.channels)) {
    if (channel.kind === 'console')
      channels.set(name, createConsoleChannel(name, { out: deps.consoleOut, style: channel.style }));
    if (channel.kind === 'webhook' && channel.url) {
      channels.set(
        name,
        createWebhookChannel(name, {
          url: channel.url,
          secret: config.secrets.get(name) ?? null,
          timeoutMs: channel.timeout_s * 1000,
        }),
      );
    }
  }
  return channels;
}
