import type { Writable } from 'node:stream';
import type { Channel } from '../alerts/channels/channel-plugin.ts';
import { createConsoleChannel } from '../alerts/channels/console-channel.ts';
import { createDingtalkChannel } from '../alerts/channels/dingtalk-channel.ts';
import { createEmailChannel, emailChannelOptions } from '../alerts/channels/email-channel.ts';
import { createFeishuChannel } from '../alerts/channels/feishu-channel.ts';
import { createSmsChannel, smsChannelOptions } from '../alerts/channels/sms-channel.ts';
import { createWebhookChannel } from '../alerts/channels/webhook-channel.ts';
import { createWecomChannel } from '../alerts/channels/wecom-channel.ts';
import type { ChannelConfig } from '../alerts/routing-schema.ts';
import type { Logger } from '../logger.ts';
import type { AppConfig } from '../settings/load-config.ts';

/**
 * One channel per configured entry. A channel whose address or key is not in the environment
 * is left out (the loader warned at start), so a deployment can ship entries it fills in later.
 */
export function buildChannels(
  config: AppConfig,
  deps: { consoleOut: Writable; logger?: Logger },
): Map<string, Channel> {
  const channels = new Map<string, Channel>();
  for (const [name, channel] of Object.entries(config.routing.channels)) {
    const built = buildChannel(name, channel, config, deps);
    if (built) channels.set(name, built);
  }
  return channels;
}

function buildChannel(
  name: string,
  channel: ChannelConfig,
  config: AppConfig,
  deps: { consoleOut: Writable; logger?: Logger },
): Channel | null {
  const secret = (envName: string | undefined) =>
    envName ? (config.channelSecrets.get(envName) ?? null) : null;
  switch (channel.kind) {
    case 'console':
      return createConsoleChannel(name, { out: deps.consoleOut, style: channel.style });
    case 'webhook':
      return channel.url
        ? createWebhookChannel(name, {
            url: channel.url,
            secret: config.secrets.get(name) ?? null,
            timeoutMs: channel.timeout_s * 1000,
            limits: { messages: channel.limits.messages, perMs: channel.limits.per_s * 1000 },
          })
        : null;
    case 'wecom': {
      const url = secret(channel.url_env);
      return url
        ? createWecomChannel(name, { url, timeoutMs: channel.timeout_s * 1000, style: channel.style })
        : null;
    }
    case 'dingtalk': {
      const url = secret(channel.url_env);
      return url
        ? createDingtalkChannel(name, {
            url,
            secret: secret(channel.secret_env),
            timeoutMs: channel.timeout_s * 1000,
            style: channel.style,
          })
        : null;
    }
    case 'feishu': {
      const url = secret(channel.url_env);
      return url
        ? createFeishuChannel(name, {
            url,
            secret: secret(channel.secret_env),
            timeoutMs: channel.timeout_s * 1000,
            style: channel.style,
          })
        : null;
    }
    case 'email':
      return createEmailChannel(
        name,
        emailChannelOptions(channel, secret(channel.password_env), deps.logger),
      );
    case 'sms':
      return createSmsChannel(name, smsChannelOptions(channel, secret(channel.api_key_env), deps.logger));
  }
}
