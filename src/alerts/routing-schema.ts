import { z } from 'zod';
import { departmentRoutingSchema } from '../../classifiers/departments.ts';
import { levelSchema } from '../domain/classification.ts';
import { dingtalkChannelConfigSchema } from './channels/dingtalk-channel.ts';
import { emailChannelSchema } from './channels/email-channel.ts';
import { feishuChannelConfigSchema } from './channels/feishu-channel.ts';
import { smsChannelSchema } from './channels/sms-channel.ts';
import { wecomChannelConfigSchema } from './channels/wecom-channel.ts';

const consoleChannelSchema = z.strictObject({
  kind: z.literal('console'),
  /** `full` prints the whole message; `brief` one line per alert, for a busy terminal. */
  style: z.enum(['full', 'brief']).default('full'),
});

const webhookChannelSchema = z.strictObject({
  kind: z.literal('webhook'),
  /** Empty disables the channel (with a warning at start), so a deployment can leave it unset. */
  url: z.url({ protocol: /^https?$/ }).nullable(),
  /** Name of the environment variable holding the HMAC key; the key itself never sits in a file. */
  secret_env: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
    .optional(),
  timeout_s: z.number().positive().max(120).default(10),
  /** What the receiver takes; past it, notifications wait and go out as a digest. */
  limits: z
    .strictObject({ messages: z.int().min(1), per_s: z.number().positive().max(86_400) })
    .default({ messages: 100, per_s: 1 }),
});

export const channelConfigSchema = z.discriminatedUnion('kind', [
  consoleChannelSchema,
  webhookChannelSchema,
  wecomChannelConfigSchema,
  dingtalkChannelConfigSchema,
  feishuChannelConfigSchema,
  emailChannelSchema,
  smsChannelSchema,
]);

/** Per level: group wait, reminder interval, and the acknowledgement window (red and orange). */
const levelTimingSchema = z.strictObject({
  /** Wait this long after an event first reaches the level, so a burst of posts makes one message. */
  group_wait_s: z.number().min(0).max(3600),
  /** Remind at this interval while nobody has acknowledged. */
  repeat_interval_m: z
    .number()
    .min(1)
    .max(7 * 24 * 60),
  /** Escalate to the next on the roster when not acknowledged within this many minutes. */
  ack_within_m: z
    .number()
    .min(1)
    .max(24 * 60)
    .optional(),
});

const DEFAULT_TIMINGS = {
  red: { group_wait_s: 0, repeat_interval_m: 60, ack_within_m: 5 },
  orange: { group_wait_s: 30, repeat_interval_m: 240, ack_within_m: 15 },
  yellow: { group_wait_s: 120, repeat_interval_m: 1440 },
  blue: { group_wait_s: 600, repeat_interval_m: 1440 },
};

/** `config/routing.yaml`: which units own a lead, and where alerts of each level go. */
export const routingSchema = z.strictObject({
  departments: departmentRoutingSchema,
  channels: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-kebab-case'), channelConfigSchema),
  /** A channel that refuses for good or keeps failing hands its messages to this one. */
  fallbacks: z.record(z.string(), z.string()).default({}),
  alerting: z
    .strictObject({
      red: levelTimingSchema,
      orange: levelTimingSchema,
      yellow: levelTimingSchema,
      blue: levelTimingSchema,
    })
    .default(DEFAULT_TIMINGS),
  routes: z
    .array(
      z.strictObject({
        levels: z.array(levelSchema.exclude(['none'])).min(1),
        channels: z.array(z.string()).min(1),
      }),
    )
    .min(1),
  /** Channels for operations notices (sources down or silent); never mixed into `routes`. */
  operations: z.strictObject({ channels: z.array(z.string()) }).default({ channels: [] }),
});

export type RoutingConfig = z.infer<typeof routingSchema>;
export type ChannelConfig = z.infer<typeof channelConfigSchema>;
export type WebhookChannelConfig = z.infer<typeof webhookChannelSchema>;
