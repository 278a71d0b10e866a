import { z } from 'zod';
import { departmentRoutingSchema } from '../../classifiers/departments.ts';
import { levelSchema } from '../domain/classification.ts';

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
});

export const channelConfigSchema = z.discriminatedUnion('kind', [consoleChannelSchema, webhookChannelSchema]);

/** `config/routing.yaml`: which units own a lead, and where alerts of each level go. */
export const routingSchema = z.strictObject({
  departments: departmentRoutingSchema,
  channels: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-kebab-case'), channelConfigSchema),
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
