import { z } from 'zod';
import { envVarName } from '../../settings/env-name.ts';
import type { Secret } from '../../settings/secret.ts';
import type { RobotStyle } from './robot-markdown.ts';

/**
 * What a signed group robot (DingTalk 加签, Feishu 签名校验) is configured with: the variables
 * holding its webhook URL and its signing secret (left out only for a keyword- or IP-secured
 * robot), a timeout and the message style.
 */
export const signedRobotFields = {
  url_env: envVarName,
  secret_env: envVarName.optional(),
  timeout_s: z.number().positive().max(120).default(10),
  style: z.enum(['full', 'brief']).default('full'),
};

export interface SignedRobotOptions {
  url: string | Secret;
  secret?: Secret | null;
  timeoutMs: number;
  /** Milliseconds since the epoch, for the signature's timestamp. */
  now?: () => number;
  style?: RobotStyle;
}
